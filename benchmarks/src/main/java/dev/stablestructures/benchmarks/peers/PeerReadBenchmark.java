package dev.stablestructures.benchmarks.peers;

import java.io.IOException;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reads of a map of {@code size} entries, the same {@link KeySpace} entries in every contender:
 * {@code getHit} looks up a random stored key, {@code getMiss} a random absent one, {@code
 * rangeScan} visits the {@value #RANGE} entries from a random stored key, {@code fullScan} every
 * entry (time per scan; the report divides by {@code size}). Probe keys are built before the
 * measurement, so no store pays for making them.
 *
 * <p>Reads run in the store's current transaction, ended every {@value #TXN_OPS} operations (LMDB
 * opens a read transaction per 1,000 reads; the others have nothing to end). Scans and ranges need
 * an ordered store: profiles leave Chronicle Map out of them.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PeerReadBenchmark extends PeerForks {
  /** Entries a {@code rangeScan} visits. */
  static final int RANGE = 100;

  /** Operations per read transaction. */
  static final int TXN_OPS = 1_000;

  private static final int PROBES = 1 << 16;

  /** The store: every contender unless a profile names some (JMH runs all of an enum). */
  @Param public Contender store;

  /** Key and value types. */
  @Param({"U64"})
  public Workload workload;

  /** Entries in the map. */
  @Param({"100000", "1000000", "10000000"})
  public int size;

  PeerFixture fixture;
  PeerStore<Object, Object> map;
  final long[] hitNumbers = new long[PROBES];
  final Object[] hits = new Object[PROBES];
  final Object[] misses = new Object[PROBES];
  int next;
  private int ops;

  /** Fills the store and draws the probe keys, hits from the stored keys. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    fixture = PeerFixture.filled(store, workload, size, 0);
    map = fixture.store;
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < PROBES; i++) {
      hitNumbers[i] = KeySpace.random(random.nextInt(size));
      hits[i] = workload.key(hitNumbers[i]);
      misses[i] = workload.key(KeySpace.random(KeySpace.MISS_BASE + i));
    }
    System.gc();
  }

  /** Closes the store and deletes its files. */
  @TearDown(Level.Trial)
  public void tearDown() {
    fixture.close();
  }

  private void tick() {
    if (++ops == TXN_OPS) {
      ops = 0;
      map.commit();
    }
  }

  /** Lookup of a random stored key. */
  @Benchmark
  public Object getHit() {
    Object value = map.get(hits[next++ & (PROBES - 1)]);
    tick();
    return value;
  }

  /** Lookup of a random absent key. */
  @Benchmark
  public Object getMiss() {
    Object value = map.get(misses[next++ & (PROBES - 1)]);
    tick();
    return value;
  }

  /** The {@value #RANGE} entries from a random stored key, in key order. */
  @Benchmark
  public long rangeScan() {
    long sum = map.range(hits[next++ & (PROBES - 1)], RANGE);
    tick();
    return sum;
  }

  /** Every entry, in key order (time per scan of {@code size} entries). */
  @Benchmark
  public long fullScan() {
    long sum = map.scan();
    map.commit();
    return sum;
  }
}
