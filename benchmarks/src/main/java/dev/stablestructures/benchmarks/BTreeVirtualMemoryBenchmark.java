package dev.stablestructures.benchmarks;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.manager.MemoryManager;
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
 * The same u64-to-u64 {@link StableBTreeMap} twice, on a {@link FileMemory} directly and on a
 * virtual memory of a {@link MemoryManager} over another file (its buckets interleaved with a
 * second virtual memory's, as in a canister), so the ratio is the cost of the manager's address
 * translation on the B-tree's node reads and writes. {@code get} looks up a random existing key;
 * {@code put} inserts a batch of {@value #BATCH} fresh keys, removed again after the invocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class BTreeVirtualMemoryBenchmark {
  private static final int PROBES = 1 << 16;

  /** Fresh keys inserted per {@code put} invocation. */
  static final int BATCH = 10_000;

  /** Entries in both maps. */
  @Param({"1000000"})
  public int size;

  private Path directFile;
  private Path managedFile;
  private FileMemory directMemory;
  private FileMemory managedMemory;
  StableBTreeMap<Long, Long> direct;
  StableBTreeMap<Long, Long> virtual;
  long[] probes = new long[PROBES];
  long[] fresh = new long[BATCH];
  private int next;

  /** Fills both maps with the same random keys and draws probes and fresh keys. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    directFile = Files.createTempFile("btree-direct", ".bin");
    managedFile = Files.createTempFile("btree-managed", ".bin");
    Files.delete(directFile);
    Files.delete(managedFile);
    directMemory = FileMemory.open(directFile);
    managedMemory = FileMemory.open(managedFile);
    MemoryManager manager = MemoryManager.init(managedMemory);
    direct = StableBTreeMap.init(directMemory, Codecs.u64(), Codecs.u64());
    virtual = StableBTreeMap.init(manager.get(0), Codecs.u64(), Codecs.u64());
    StableBTreeMap<Long, Long> neighbour =
        StableBTreeMap.init(manager.get(1), Codecs.u64(), Codecs.u64());
    SplittableRandom random = new SplittableRandom(42);
    long[] keys = new long[size];
    for (int i = 0; i < size; i++) {
      long k = random.nextLong();
      keys[i] = k;
      direct.put(k, k ^ 1);
      virtual.put(k, k ^ 1);
      if (i % 4 == 0) {
        neighbour.put(k, k); // takes every few buckets, so memory 0's are not contiguous
      }
    }
    for (int i = 0; i < PROBES; i++) {
      probes[i] = keys[random.nextInt(size)];
    }
    for (int i = 0; i < BATCH; i++) {
      long k;
      do {
        k = random.nextLong();
      } while (direct.containsKey(k));
      fresh[i] = k;
    }
  }

  /** Closes and deletes both files. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    directMemory.close();
    managedMemory.close();
    ImageFiles.delete(directFile);
    ImageFiles.delete(managedFile);
  }

  /**
   * The clean-up of a put invocation, a state of its own so that only the put benchmarks pay for
   * it.
   */
  @State(Scope.Thread)
  public static class Fresh {
    /** Removes the fresh keys the last put inserted, so every invocation meets the same maps. */
    @TearDown(Level.Invocation)
    public void remove(BTreeVirtualMemoryBenchmark maps) {
      for (long k : maps.fresh) {
        maps.direct.remove(k);
        maps.virtual.remove(k);
      }
    }
  }

  private Long nextKey() {
    return probes[next++ & (PROBES - 1)];
  }

  /** Lookup of an existing key, the map on FileMemory directly. */
  @Benchmark
  public Long directGet() {
    return direct.get(nextKey());
  }

  /** Lookup of an existing key, the map on a virtual memory. */
  @Benchmark
  public Long virtualGet() {
    return virtual.get(nextKey());
  }

  /** Insertion of {@value #BATCH} fresh keys, reported per key, on FileMemory directly. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void directPut(Fresh cleanUp, Blackhole sink) {
    for (long k : fresh) {
      sink.consume(direct.put(k, k ^ 1));
    }
  }

  /** Insertion of {@value #BATCH} fresh keys, reported per key, on a virtual memory. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void virtualPut(Fresh cleanUp, Blackhole sink) {
    for (long k : fresh) {
      sink.consume(virtual.put(k, k ^ 1));
    }
  }
}
