package dev.stablestructures.benchmarks;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.FileMemory;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.tx.StoreLock;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Random {@code get} of existing keys on a u64-to-u64 {@link StableBTreeMap} on file memory, from
 * one thread and from two at once, in one run: the target is that two threads reach at
 * least 1.7 times the throughput of one (reported as total operations per microsecond, so the ratio
 * is {@code get2 / get1}). {@code managed} puts the map in a manager's virtual memory (its buckets
 * interleaved with a second map's) instead of straight on the file. The {@code locked} variants
 * take the store's read lock around every single get, the worst case for the lock (a shared word
 * updated twice per get); {@code batch} variants take it once per {@value #BATCH} gets.
 *
 * <p>Each thread draws its probes from its own state, so the threads share nothing but the map.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class BTreeParallelGetBenchmark {
  private static final int PROBES = 1 << 16;

  /** Gets per read section in the {@code batch} variants. */
  static final int BATCH = 16;

  /** Entries in the map. */
  @Param({"1000000"})
  public int size;

  /** Whether the map lives in a manager's virtual memory rather than on the file itself. */
  @Param({"false", "true"})
  public boolean managed;

  private Path file;
  private FileMemory memory;
  StableBTreeMap<Long, Long> map;
  StoreLock lock;
  long[] keys;

  /** Fills the map with random keys. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    file = Files.createTempFile("btree-parallel", ".bin");
    Files.delete(file);
    memory = FileMemory.open(file);
    Memory home = memory;
    StableBTreeMap<Long, Long> neighbour = null;
    if (managed) {
      MemoryManager manager = MemoryManager.init(memory);
      home = manager.get(0);
      neighbour = StableBTreeMap.init(manager.get(1), Codecs.u64(), Codecs.u64());
    }
    map = StableBTreeMap.init(home, Codecs.u64(), Codecs.u64());
    lock = StoreLock.of(home);
    SplittableRandom random = new SplittableRandom(42);
    keys = new long[size];
    for (int i = 0; i < size; i++) {
      long k = random.nextLong();
      keys[i] = k;
      map.put(k, k ^ 1);
      if (neighbour != null) {
        neighbour.put(k, k);
      }
    }
    System.gc();
  }

  /** Closes and deletes the file. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    memory.close();
    ImageFiles.delete(file);
  }

  /** One thread's probe keys and position: nothing the threads write is shared. */
  @State(Scope.Thread)
  public static class Probes {
    final long[] probes = new long[PROBES];
    int next;

    /** Draws this thread's probes from the map's keys. */
    @Setup(Level.Trial)
    public void draw(BTreeParallelGetBenchmark bench) {
      SplittableRandom random = new SplittableRandom(Thread.currentThread().getId() * 7919 + 1);
      for (int i = 0; i < PROBES; i++) {
        probes[i] = bench.keys[random.nextInt(bench.keys.length)];
      }
    }

    Long nextKey() {
      return probes[next++ & (PROBES - 1)];
    }
  }

  private Long get(Probes p) {
    return map.get(p.nextKey());
  }

  private Long locked(Probes p) {
    Long key = p.nextKey();
    return lock.read(() -> map.get(key));
  }

  private long batch(Probes p) {
    return lock.read(
        () -> {
          long sum = 0;
          for (int i = 0; i < BATCH; i++) {
            sum += map.get(p.nextKey());
          }
          return sum;
        });
  }

  /** One thread, no lock. */
  @Benchmark
  @Threads(1)
  public Long get1(Probes p) {
    return get(p);
  }

  /** Two threads at once, no lock (no writer runs). */
  @Benchmark
  @Threads(2)
  public Long get2(Probes p) {
    return get(p);
  }

  /** One thread, the read lock around each get. */
  @Benchmark
  @Threads(1)
  public Long locked1(Probes p) {
    return locked(p);
  }

  /** Two threads, the read lock around each get. */
  @Benchmark
  @Threads(2)
  public Long locked2(Probes p) {
    return locked(p);
  }

  /** One thread, the read lock once per {@value #BATCH} gets (reported per get). */
  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(BATCH)
  public long batch1(Probes p) {
    return batch(p);
  }

  /** Two threads, the read lock once per {@value #BATCH} gets (reported per get). */
  @Benchmark
  @Threads(2)
  @OperationsPerInvocation(BATCH)
  public long batch2(Probes p) {
    return batch(p);
  }
}
