package dev.stablestructures.benchmarks;

import dev.stablestructures.codec.Codecs;
import dev.stablestructures.log.StableLog;
import dev.stablestructures.memory.FileMemory;
import dev.stablestructures.memory.HeapMemory;
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
 * {@code StableLog<u64>} against {@code ArrayList<Long>}, in one class so the ratios come from one
 * run: appending {@link #ELEMENTS} values into a fresh, empty container per invocation (reported
 * per element), and reading random entries of a log of the same size, boxed ({@code get}) and into
 * a caller's buffer ({@code readEntry}, which allocates nothing).
 *
 * <p>Both memories of each log (index and data) are separate memories of the same kind, as two
 * virtual memories of a canister's MemoryManager would be.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class StableLogBenchmark {
  /** Values appended per invocation, and entries of the logs that reads use. */
  static final int ELEMENTS = 1_000_000;

  private static final int INDICES = 1 << 16;

  /** The values every container holds, drawn once. */
  static long[] values(int size) {
    long[] values = new long[size];
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < size; i++) {
      values[i] = random.nextLong();
    }
    return values;
  }

  static StableLog<Long> fileLog(Path dir, List<FileMemory> files) throws IOException {
    FileMemory index = FileMemory.open(Files.createTempFile(dir, "index", ".bin"));
    FileMemory data = FileMemory.open(Files.createTempFile(dir, "data", ".bin"));
    files.add(index);
    files.add(data);
    return StableLog.init(index, data, Codecs.u64());
  }

  static void closeAll(List<FileMemory> files) throws IOException {
    for (FileMemory file : files) {
      file.close();
      ImageFiles.delete(file.path());
    }
    files.clear();
  }

  /**
   * Fresh, empty containers for every invocation of an append benchmark (set up outside the timing;
   * sound because one invocation appends a million values).
   */
  @State(Scope.Benchmark)
  public static class Appends {
    /** Values appended per invocation: always {@link #ELEMENTS} in a run, fewer in tests. */
    int size = ELEMENTS;

    long[] values;
    List<Long> list;
    StableLog<Long> heapLog;
    StableLog<Long> fileLog;
    private final List<FileMemory> files = new ArrayList<>();
    private Path dir;

    /** Draws the values. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      dir = Files.createTempDirectory("stablelog-append");
      values = values(size);
    }

    /** Fresh, empty containers. */
    @Setup(Level.Invocation)
    public void freshContainers() throws IOException {
      closeAll(files);
      list = new ArrayList<>();
      heapLog = StableLog.init(new HeapMemory(), new HeapMemory(), Codecs.u64());
      fileLog = fileLog(dir, files);
    }

    /** Closes and deletes every file. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      closeAll(files);
      Files.deleteIfExists(dir);
    }
  }

  /** Containers of {@link #ELEMENTS} entries, filled once, for the read benchmarks. */
  @State(Scope.Benchmark)
  public static class Reads {
    /** Entries per container: always {@link #ELEMENTS} in a run, fewer in tests. */
    int size = ELEMENTS;

    long[] values;
    List<Long> list;
    StableLog<Long> heapLog;
    StableLog<Long> fileLog;
    private final int[] indices = new int[INDICES];
    private int next;
    final byte[] buffer = new byte[8];
    private final List<FileMemory> files = new ArrayList<>();
    private Path dir;

    /** Fills the containers and draws the random indices. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      dir = Files.createTempDirectory("stablelog-read");
      values = values(size);
      list = new ArrayList<>(size);
      heapLog = StableLog.init(new HeapMemory(), new HeapMemory(), Codecs.u64());
      fileLog = fileLog(dir, files);
      for (long v : values) {
        list.add(v);
        heapLog.append(v);
        fileLog.append(v);
      }
      SplittableRandom random = new SplittableRandom(7);
      for (int i = 0; i < INDICES; i++) {
        indices[i] = random.nextInt(size);
      }
    }

    /** Closes and deletes every file. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      closeAll(files);
      Files.deleteIfExists(dir);
    }

    int nextIndex() {
      return indices[next++ & (INDICES - 1)];
    }
  }

  /** Baseline: {@code ArrayList<Long>.add} from empty. */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public List<Long> arrayListAdd(Appends s) {
    List<Long> list = s.list;
    for (long v : s.values) {
      list.add(v);
    }
    return list;
  }

  /** {@code StableLog.append} on heap memories, from empty. */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public long heapAppend(Appends s) {
    StableLog<Long> log = s.heapLog;
    long last = 0;
    for (long v : s.values) {
      last = log.append(v);
    }
    return last;
  }

  /** {@code StableLog.append} on file memories, from empty (both files grow as it fills). */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public long fileAppend(Appends s) {
    StableLog<Long> log = s.fileLog;
    long last = 0;
    for (long v : s.values) {
      last = log.append(v);
    }
    return last;
  }

  /** Baseline: {@code ArrayList<Long>.get} of a random index. */
  @Benchmark
  public Long arrayListGet(Reads s) {
    return s.list.get(s.nextIndex());
  }

  /** {@code StableLog.get} of a random index on heap memories (decodes a new {@code Long}). */
  @Benchmark
  public Long heapGet(Reads s) {
    return s.heapLog.get(s.nextIndex());
  }

  /** {@code StableLog.get} of a random index on file memories. */
  @Benchmark
  public Long fileGet(Reads s) {
    return s.fileLog.get(s.nextIndex());
  }

  /** {@code StableLog.readEntry} of a random index into a reused buffer, on file memories. */
  @Benchmark
  public int fileReadEntry(Reads s) {
    return s.fileLog.readEntry(s.nextIndex(), s.buffer, 0);
  }
}
