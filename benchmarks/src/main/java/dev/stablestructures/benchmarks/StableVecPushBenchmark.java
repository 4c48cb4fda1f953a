package dev.stablestructures.benchmarks;

import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.FileMemory;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.vec.StableVec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appending {@code size} (10M) random u64 values, reported per element: {@code StableVec<u64>} on
 * heap and file memory (primitive {@code pushLong} and boxed {@code add}) against filling a
 * preallocated {@code long[]} and appending to a default {@code ArrayList<Long>}.
 *
 * <p>Each invocation fills a fresh, empty container, so growth is measured every time: the memory's
 * pages, the file's length, the list's array. Creating the empty container (and, for files,
 * deleting the previous file) happens in a per-invocation set-up outside the timing, which is sound
 * here because one invocation takes tens of milliseconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class StableVecPushBenchmark {
  /** Elements appended per invocation; the reported time is per element. */
  static final int ELEMENTS = 10_000_000;

  /** Elements appended per invocation: always {@link #ELEMENTS} in a run, fewer in tests. */
  int size = ELEMENTS;

  long[] values;
  long[] array;
  ArrayList<Long> list;
  StableVec<Long> heapVec;
  StableVec<Long> fileVec;
  private FileMemory fileMemory;
  private Path file;

  /** Draws the values once. */
  @Setup(Level.Trial)
  public void setUp() {
    values = new long[size];
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < size; i++) {
      values[i] = random.nextLong();
    }
    array = new long[size];
  }

  /** Fresh empty containers (a new file for the file-backed vector). */
  @Setup(Level.Invocation)
  public void freshContainers() throws IOException {
    closeFile();
    list = new ArrayList<>();
    heapVec = StableVec.init(new HeapMemory(), Codecs.u64());
    file = Files.createTempFile("stablevec-push", ".bin");
    Files.delete(file);
    fileMemory = FileMemory.open(file);
    fileVec = StableVec.init(fileMemory, Codecs.u64());
  }

  /** Deletes the last file. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    closeFile();
  }

  private void closeFile() throws IOException {
    if (fileMemory != null) {
      fileMemory.close();
      ImageFiles.delete(file);
      fileMemory = null;
    }
  }

  /** Baseline: stores into a preallocated {@code long[]}. */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public long[] longArrayFill() {
    long[] a = array;
    long[] v = values;
    for (int i = 0; i < v.length; i++) {
      a[i] = v[i];
    }
    return a;
  }

  /** Baseline: {@code ArrayList<Long>.add} from empty, boxing each value. */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public List<Long> arrayListAdd() {
    List<Long> l = list;
    for (long x : values) {
      l.add(x);
    }
    return l;
  }

  /** {@code StableVec.pushLong} on HeapMemory, from empty. */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public StableVec<Long> heapPushLong() {
    StableVec<Long> vec = heapVec;
    for (long x : values) {
      vec.pushLong(x);
    }
    return vec;
  }

  /** {@code StableVec.pushLong} on FileMemory, from empty (the file grows as it fills). */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public StableVec<Long> filePushLong() {
    StableVec<Long> vec = fileVec;
    for (long x : values) {
      vec.pushLong(x);
    }
    return vec;
  }

  /** Boxed {@code List.add} on HeapMemory, from empty. */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public StableVec<Long> heapAddBoxed() {
    StableVec<Long> vec = heapVec;
    for (long x : values) {
      vec.add(x);
    }
    return vec;
  }
}
