package dev.stablestructures.benchmarks;

import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.FileMemory;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.vec.StableVec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Random reads of a {@code StableVec<u64>} (primitive {@code getLong} and boxed {@code get}) on
 * heap and file memory against {@code long[]} and {@code ArrayList<Long>}, all in one class so the
 * ratios come from one run. Issue target: random {@code getLong} within 3x of {@code long[]}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx4g"})
public class StableVecBenchmark {
  private static final int INDICES = 1 << 16;

  /** Elements in every container. */
  @Param({"10000000"})
  public int size;

  private Path file;
  private FileMemory fileMemory;
  StableVec<Long> heapVec;
  StableVec<Long> fileVec;
  long[] array;
  ArrayList<Long> list;
  private final int[] indices = new int[INDICES];
  private int next;

  /** Fills every container with the same random values and draws the random indices. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    file = Files.createTempFile("stablevec-bench", ".bin");
    Files.delete(file);
    fileMemory = FileMemory.open(file);
    heapVec = StableVec.init(new HeapMemory(), Codecs.u64());
    fileVec = StableVec.init(fileMemory, Codecs.u64());
    array = new long[size];
    list = new ArrayList<>(size);
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < size; i++) {
      long v = random.nextLong();
      array[i] = v;
      list.add(v);
      heapVec.pushLong(v);
      fileVec.pushLong(v);
    }
    for (int i = 0; i < INDICES; i++) {
      indices[i] = random.nextInt(size);
    }
  }

  /** Closes and deletes the file. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    fileMemory.close();
    ImageFiles.delete(file);
  }

  private int nextIndex() {
    return indices[next++ & (INDICES - 1)];
  }

  /** Baseline: a plain {@code long[]}. */
  @Benchmark
  public long longArray() {
    return array[nextIndex()];
  }

  /** Baseline: {@code ArrayList<Long>.get} (unboxed on return). */
  @Benchmark
  public long arrayList() {
    return list.get(nextIndex());
  }

  /** Primitive path on heap memory. */
  @Benchmark
  public long heapGetLong() {
    return heapVec.getLong(nextIndex());
  }

  /** Primitive path on file memory. */
  @Benchmark
  public long fileGetLong() {
    return fileVec.getLong(nextIndex());
  }

  /** Boxed {@code List.get} on heap memory. */
  @Benchmark
  public Long heapGetBoxed() {
    return heapVec.get(nextIndex());
  }

  /** Boxed {@code List.get} on file memory. */
  @Benchmark
  public Long fileGetBoxed() {
    return fileVec.get(nextIndex());
  }
}
