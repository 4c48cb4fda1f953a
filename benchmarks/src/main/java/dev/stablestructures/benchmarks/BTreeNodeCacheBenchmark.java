package dev.stablestructures.benchmarks;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.FileMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
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
 * Whether the B-tree's cache of internal nodes pays: random get hits of a u64-to-u64 map on file
 * memory with the cache at its default size and turned off ({@code cachedNodes = 0}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx4g"})
public class BTreeNodeCacheBenchmark {
  private static final int PROBES = 1 << 16;

  /** Entries in the map. */
  @Param({"1000000"})
  public int size;

  /** Internal nodes the map may cache (0 = no cache; 16384 is the default). */
  @Param({"16384", "0"})
  public int cachedNodes;

  private Path file;
  private FileMemory memory;
  StableBTreeMap<Long, Long> btree;
  final long[] probes = new long[PROBES];
  private int next;

  /** Fills the map with random keys and draws probe keys from them. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    file = Files.createTempFile("btree-cache-bench", ".bin");
    Files.delete(file);
    memory = FileMemory.open(file);
    btree = StableBTreeMap.init(memory, Codecs.u64(), Codecs.u64());
    btree.setCachedNodes(cachedNodes);
    SplittableRandom random = new SplittableRandom(42);
    long[] keys = new long[size];
    for (int i = 0; i < size; i++) {
      keys[i] = random.nextLong();
      btree.put(keys[i], keys[i] ^ 1);
    }
    for (int i = 0; i < PROBES; i++) {
      probes[i] = keys[random.nextInt(size)];
    }
  }

  /** Closes and deletes the file. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    memory.close();
    ImageFiles.delete(file);
  }

  /** Lookup of an existing key. */
  @Benchmark
  public Long get() {
    return btree.get(probes[next++ & (PROBES - 1)]);
  }
}
