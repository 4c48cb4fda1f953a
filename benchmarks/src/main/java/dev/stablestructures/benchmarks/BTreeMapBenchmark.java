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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Random hits of a u64-to-u64 {@link StableBTreeMap} on file memory against a heap {@code
 * TreeMap<Long, Long>} holding the same keys, in one class so the ratio comes from one run. Issue
 * target: get ratio BTree/TreeMap at most 0.8.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx4g"})
public class BTreeMapBenchmark {
  private static final int PROBES = 1 << 16;

  /** Entries in both maps. */
  @Param({"1000000"})
  public int size;

  private Path file;
  private FileMemory memory;
  StableBTreeMap<Long, Long> btree;
  TreeMap<Long, Long> tree;
  long[] probes = new long[PROBES];
  private int next;

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
  }

  /** Closes and deletes the file. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    memory.close();
    Files.deleteIfExists(file);
  }

  private Long nextKey() {
    return probes[next++ & (PROBES - 1)];
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
}
