package dev.stablestructures.benchmarks;

import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.FileMemory;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.minheap.StableMinHeap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.PriorityQueue;
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
 * {@code StableMinHeap<u64>} against {@code PriorityQueue<Long>}, in one class so the ratios come
 * from one run. Each operation pushes a random value and pops the smallest, so every heap keeps
 * {@link #size} items and each operation pays one sift up and one sift down of {@code log2(size)}
 * levels. The stable heap runs through its primitive path ({@code pushLong}/{@code popLong}, no
 * boxing) and its boxed {@code Queue} path ({@code offer}/{@code poll}), on heap and file memory.
 * Note that {@code PriorityQueue} orders {@code Long} as signed, the u64 heap as unsigned; both see
 * uniformly random bits, so their shapes are alike.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class StableMinHeapBenchmark {
  private static final int VALUES = 1 << 16;

  /** Items in every heap. */
  @Param({"1000000"})
  public int size;

  PriorityQueue<Long> queue;
  StableMinHeap<Long> heapMemoryHeap;
  StableMinHeap<Long> fileMemoryHeap;
  private final long[] values = new long[VALUES];
  private int next;
  private FileMemory fileMemory;
  private Path file;

  /** Fills every heap with the same random values. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    file = Files.createTempFile("stableheap-bench", ".bin");
    Files.delete(file);
    fileMemory = FileMemory.open(file);
    queue = new PriorityQueue<>(size);
    heapMemoryHeap = StableMinHeap.init(new HeapMemory(), Codecs.u64());
    fileMemoryHeap = StableMinHeap.init(fileMemory, Codecs.u64());
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < size; i++) {
      long v = random.nextLong();
      queue.add(v);
      heapMemoryHeap.pushLong(v);
      fileMemoryHeap.pushLong(v);
    }
    for (int i = 0; i < VALUES; i++) {
      values[i] = random.nextLong();
    }
  }

  /** Closes and deletes the file. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    fileMemory.close();
    ImageFiles.delete(file);
  }

  private long nextValue() {
    return values[next++ & (VALUES - 1)];
  }

  /** Baseline: {@code PriorityQueue<Long>.offer} then {@code poll}. */
  @Benchmark
  public Long priorityQueue() {
    queue.offer(nextValue());
    return queue.poll();
  }

  /** {@code pushLong} then {@code popLong} on heap memory. */
  @Benchmark
  public long heapPushPopLong() {
    heapMemoryHeap.pushLong(nextValue());
    return heapMemoryHeap.popLong();
  }

  /** {@code pushLong} then {@code popLong} on file memory. */
  @Benchmark
  public long filePushPopLong() {
    fileMemoryHeap.pushLong(nextValue());
    return fileMemoryHeap.popLong();
  }

  /** Boxed {@code offer} then {@code poll} on file memory. */
  @Benchmark
  public Long fileOfferPoll() {
    fileMemoryHeap.offer(nextValue());
    return fileMemoryHeap.poll();
  }
}
