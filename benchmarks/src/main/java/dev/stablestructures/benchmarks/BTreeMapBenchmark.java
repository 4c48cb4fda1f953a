package dev.stablestructures.benchmarks;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.FileMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A u64-to-u64 {@link StableBTreeMap} on file memory against a heap {@code TreeMap<Long, Long>}
 * holding the same random keys, in one class so the ratios come from one run. Issue targets: get
 * ratio BTree/TreeMap at most 0.8, put ratio at most 1.5.
 *
 * <p>{@code get} looks up a random existing key. {@code remove} removes a batch of {@value #BATCH}
 * existing keys per invocation, put back afterwards outside the measurement. {@code put} inserts a
 * batch of {@value #BATCH} fresh random keys (absent from the map) per invocation and is reported
 * per key; the batch is removed again after the invocation, outside the measurement, so the map
 * stays at {@code size} entries however long the run. The scans walk the whole map, summing keys
 * and values, and are reported per walk (divide by {@code size} for the time per entry): {@code
 * Map.forEach} on both maps, and {@code forEachLong}, the B-tree's primitive walk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx8g"})
public class BTreeMapBenchmark {
  private static final int PROBES = 1 << 16;

  /** Fresh keys inserted per {@code put} invocation. */
  static final int BATCH = 10_000;

  /** Batches of fresh keys the put benchmarks cycle through. */
  private static final int BATCHES = 16;

  /** Entries in both maps. */
  @Param({"1000000", "10000000"})
  public int size;

  private Path file;
  private FileMemory memory;
  StableBTreeMap<Long, Long> btree;
  TreeMap<Long, Long> tree;
  long[] probes = new long[PROBES];
  private int next;
  long[] fresh;
  long[] victims;

  /** Inserts the same random keys into both maps and draws probe keys from them. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    file = Files.createTempFile("btree-bench", ".bin");
    Files.delete(file);
    memory = FileMemory.open(file);
    btree = StableBTreeMap.init(memory, Codecs.u64(), Codecs.u64());
    tree = new TreeMap<>();
    SplittableRandom random = new SplittableRandom(42);
    long[] keys = new long[size];
    for (int i = 0; i < size; i++) {
      long k = random.nextLong();
      keys[i] = k;
      btree.put(k, k ^ 1);
      tree.put(k, k ^ 1);
    }
    for (int i = 0; i < PROBES; i++) {
      probes[i] = keys[random.nextInt(size)];
    }
    fresh = new long[BATCH * BATCHES];
    for (int i = 0; i < fresh.length; i++) {
      long k;
      do {
        k = random.nextLong();
      } while (tree.containsKey(k));
      fresh[i] = k;
    }
    victims = new long[BATCH * BATCHES];
    for (int i = 0; i < victims.length; i++) {
      victims[i] = keys[i % size]; // distinct at the benchmark sizes (>= 160,000 keys)
    }
    // Settle the heap: young collections during the run would otherwise move the TreeMap's
    // entries part-way through and change its locality between iterations.
    System.gc();
  }

  /**
   * Which batch of fresh keys the next put invocation inserts; a state of its own so that only the
   * put benchmarks pay for the per-invocation clean-up.
   */
  @State(Scope.Thread)
  public static class Batch {
    int index;

    /** Removes the batch the last put invocation inserted, so every batch meets the same map. */
    @TearDown(Level.Invocation)
    public void removeBatch(BTreeMapBenchmark maps) {
      int from = index * BATCH;
      for (int i = from; i < from + BATCH; i++) {
        Long k = maps.fresh[i];
        maps.tree.remove(k);
        maps.btree.remove(k);
      }
      index = (index + 1) % BATCHES;
    }
  }

  /** Closes and deletes the file. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    memory.close();
    ImageFiles.delete(file);
  }

  private Long nextKey() {
    return probes[next++ & (PROBES - 1)];
  }

  /**
   * Which batch of existing keys the next remove invocation removes; they are put back after the
   * invocation, outside the timing.
   */
  @State(Scope.Thread)
  public static class RemoveBatch {
    int index;

    /** Puts the batch the last remove invocation removed back into both maps. */
    @TearDown(Level.Invocation)
    public void restoreBatch(BTreeMapBenchmark maps) {
      int from = index * BATCH;
      for (int i = from; i < from + BATCH; i++) {
        long k = maps.victims[i];
        maps.tree.put(k, k ^ 1);
        maps.btree.put(k, k ^ 1);
      }
      index = (index + 1) % BATCHES;
    }
  }

  /** Baseline: a whole-map walk of the TreeMap by {@code Map.forEach}; sums keys and values. */
  @Benchmark
  public long treeMapScan() {
    long[] sum = new long[1];
    tree.forEach((k, v) -> sum[0] += k + v);
    return sum[0];
  }

  /** A whole-map walk by {@code Map.forEach}: a boxed key and value per entry. */
  @Benchmark
  public long btreeScan() {
    long[] sum = new long[1];
    btree.forEach((k, v) -> sum[0] += k + v);
    return sum[0];
  }

  /** A whole-map walk by {@code StableBTreeMap.forEachLong}: primitive keys and values. */
  @Benchmark
  public long btreeScanLong() {
    long[] sum = new long[1];
    btree.forEachLong((k, v) -> sum[0] += k + v);
    return sum[0];
  }

  /** Baseline: heap TreeMap lookup of an existing key. */
  @Benchmark
  public Long treeMapGet() {
    return tree.get(nextKey());
  }

  /** StableBTreeMap on FileMemory, lookup of an existing key. */
  @Benchmark
  public Long btreeGet() {
    return btree.get(nextKey());
  }

  /** Baseline: heap TreeMap insertion of {@value #BATCH} fresh keys, reported per key. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void treeMapPut(Batch batch, Blackhole sink) {
    int from = batch.index * BATCH;
    for (int i = from; i < from + BATCH; i++) {
      long k = fresh[i];
      sink.consume(tree.put(k, k ^ 1));
    }
  }

  /** Baseline: heap TreeMap removal of {@value #BATCH} existing keys, reported per key. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void treeMapRemove(RemoveBatch batch, Blackhole sink) {
    int from = batch.index * BATCH;
    for (int i = from; i < from + BATCH; i++) {
      sink.consume(tree.remove(victims[i]));
    }
  }

  /** StableBTreeMap on FileMemory, removal of {@value #BATCH} existing keys, reported per key. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void btreeRemove(RemoveBatch batch, Blackhole sink) {
    int from = batch.index * BATCH;
    for (int i = from; i < from + BATCH; i++) {
      sink.consume(btree.remove(victims[i]));
    }
  }

  /** StableBTreeMap on FileMemory, insertion of {@value #BATCH} fresh keys, reported per key. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void btreePut(Batch batch, Blackhole sink) {
    int from = batch.index * BATCH;
    for (int i = from; i < from + BATCH; i++) {
      long k = fresh[i];
      sink.consume(btree.put(k, k ^ 1));
    }
  }
}
