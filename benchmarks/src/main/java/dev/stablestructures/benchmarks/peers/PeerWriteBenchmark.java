package dev.stablestructures.benchmarks.peers;

import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writes to a map of {@code size} entries, in batches of {@value #BATCH} operations per invocation
 * (reported per operation), with a commit every {@code commitEvery} operations: 1 is "one
 * transaction per operation", 1000 "one per 1,000 operations", both at the common "no sync"
 * durability (see {@link Contender#durability()}).
 *
 * <p>{@code insertRandom} adds fresh keys in random order, {@code insertSequential} adds keys above
 * every stored one in ascending order (as time-ordered keys append), {@code remove} removes stored
 * keys. After each invocation, outside the timing, the batch is undone and committed, so every
 * invocation meets a map of {@code size} entries however long the run. Keys and values are built
 * before the measurement.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PeerWriteBenchmark extends PeerForks {
  /** Operations per invocation. */
  static final int BATCH = 1_000;

  /** Batches of fresh random keys the inserts cycle through. */
  static final int BATCHES = 16;

  /** The store: every contender unless a profile names some (JMH runs all of an enum). */
  @Param public Contender store;

  /** Key and value types. */
  @Param({"U64"})
  public Workload workload;

  /** Entries in the map (at least {@value #BATCH}). */
  @Param({"100000", "1000000", "10000000"})
  public int size;

  /** Operations per commit: 1 or a divisor of {@value #BATCH}. */
  @Param({"1", "1000"})
  public int commitEvery;

  PeerFixture fixture;
  PeerStore<Object, Object> map;
  final Object[] freshKeys = new Object[BATCH * BATCHES];
  final Object[] freshValues = new Object[BATCH * BATCHES];
  final Object[] sequentialKeys = new Object[BATCH];
  final Object[] sequentialValues = new Object[BATCH];
  final Object[] victimKeys = new Object[BATCH * BATCHES];

  /** Fills the store and builds the keys and values the batches write. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    if (size < BATCH || BATCH % commitEvery != 0) {
      throw new IllegalArgumentException("size >= " + BATCH + ", commitEvery divides " + BATCH);
    }
    fixture = PeerFixture.filled(store, workload, size, 2L * BATCH * BATCHES);
    map = fixture.store;
    for (int i = 0; i < freshKeys.length; i++) {
      long k = KeySpace.random(size + (long) i);
      freshKeys[i] = workload.key(k);
      freshValues[i] = workload.value(k);
      victimKeys[i] = workload.key(victim(i / BATCH, i % BATCH));
    }
    for (int j = 0; j < BATCH; j++) {
      long k = KeySpace.sequential(j);
      sequentialKeys[j] = workload.key(k);
      sequentialValues[j] = workload.value(k);
    }
    System.gc();
  }

  /** Closes the store and deletes its files. */
  @TearDown(Level.Trial)
  public void tearDown() {
    fixture.close();
  }

  /** The stored key number a remove batch takes at position {@code i} of batch {@code index}. */
  long victim(int index, int i) {
    return KeySpace.random((index * (long) BATCH + i) % size);
  }

  /** Which batch of fresh keys the next random insert adds; removed again after it. */
  @State(Scope.Thread)
  public static class RandomBatch {
    int index;

    /** Removes the batch the last invocation added. */
    @TearDown(Level.Invocation)
    public void undo(PeerWriteBenchmark b) {
      for (int i = index * BATCH; i < (index + 1) * BATCH; i++) {
        b.map.remove(b.freshKeys[i]);
      }
      b.map.commit();
      index = (index + 1) % BATCHES;
    }
  }

  /** Sequential keys are removed again after each invocation. */
  @State(Scope.Thread)
  public static class SequentialBatch {
    /** Removes the keys the last invocation appended. */
    @TearDown(Level.Invocation)
    public void undo(PeerWriteBenchmark b) {
      for (Object key : b.sequentialKeys) {
        b.map.remove(key);
      }
      b.map.commit();
    }
  }

  /** Which batch of stored keys the next remove takes; put back after it. */
  @State(Scope.Thread)
  public static class RemoveBatch {
    int index;

    /** Puts back the keys the last invocation removed. */
    @TearDown(Level.Invocation)
    public void undo(PeerWriteBenchmark b) {
      for (int i = 0; i < BATCH; i++) {
        b.fixture.putNumber(b.victim(index, i));
      }
      b.map.commit();
      index = (index + 1) % BATCHES;
    }
  }

  private int commitAfter(int done) {
    if (done % commitEvery == 0) {
      map.commit();
    }
    return done;
  }

  private int putAll(Object[] keys, Object[] values, int from) {
    int done = 0;
    for (int i = from; i < from + BATCH; i++) {
      map.put(keys[i], values[i]);
      done = commitAfter(done + 1);
    }
    return done;
  }

  /** {@value #BATCH} fresh keys in random order. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int insertRandom(RandomBatch batch) {
    return putAll(freshKeys, freshValues, batch.index * BATCH);
  }

  /** {@value #BATCH} keys above every stored one, ascending. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int insertSequential(SequentialBatch batch) {
    return putAll(sequentialKeys, sequentialValues, 0);
  }

  /** {@value #BATCH} stored keys; returns how many were there (all of them). */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int remove(RemoveBatch batch) {
    int removed = 0;
    int from = batch.index * BATCH;
    for (int i = 0; i < BATCH; i++) {
      if (map.remove(victimKeys[from + i])) {
        removed++;
      }
      commitAfter(i + 1);
    }
    return removed;
  }
}
