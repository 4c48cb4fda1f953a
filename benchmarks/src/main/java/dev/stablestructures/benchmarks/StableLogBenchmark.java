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
@State(Scope.Benchmark)
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

  /** Elements per container: always {@link #ELEMENTS} in a run, fewer in tests. */
  int size = ELEMENTS;

  long[] values;
  private final int[] indices = new int[INDICES];
  private int next;
  private final byte[] buffer = new byte[8];

  List<Long> appendList;
  StableLog<Long> appendHeapLog;
  StableLog<Long> appendFileLog;

  List<Long> readList;
  StableLog<Long> readHeapLog;
  StableLog<Long> readFileLog;

  private final List<FileMemory> trialFiles = new ArrayList<>();
  private final List<FileMemory> invocationFiles = new ArrayList<>();
  private Path dir;

  /** Draws the values and fills the containers that the read benchmarks use. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("stablelog-bench");
    values = new long[size];
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < size; i++) {
      values[i] = random.nextLong();
    }
    for (int i = 0; i < INDICES; i++) {
      indices[i] = random.nextInt(size);
    }
    readList = new ArrayList<>(size);
    readHeapLog = StableLog.init(new HeapMemory(), new HeapMemory(), Codecs.u64());
    readFileLog = fileLog(trialFiles);
    for (long v : values) {
      readList.add(v);
      readHeapLog.append(v);
      readFileLog.append(v);
    }
  }

  /** Fresh, empty containers for the append benchmarks. */
  @Setup(Level.Invocation)
  public void freshContainers() throws IOException {
    closeAll(invocationFiles);
    appendList = new ArrayList<>();
    appendHeapLog = StableLog.init(new HeapMemory(), new HeapMemory(), Codecs.u64());
    appendFileLog = fileLog(invocationFiles);
  }

  /** Closes and deletes every file. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    closeAll(invocationFiles);
    closeAll(trialFiles);
    Files.deleteIfExists(dir);
  }

  private StableLog<Long> fileLog(List<FileMemory> files) throws IOException {
    FileMemory index = FileMemory.open(Files.createTempFile(dir, "index", ".bin"));
    FileMemory data = FileMemory.open(Files.createTempFile(dir, "data", ".bin"));
    files.add(index);
    files.add(data);
    return StableLog.init(index, data, Codecs.u64());
  }

  private static void closeAll(List<FileMemory> files) throws IOException {
    for (FileMemory file : files) {
      file.close();
      Files.deleteIfExists(file.path());
    }
    files.clear();
  }

  private int nextIndex() {
    return indices[next++ & (INDICES - 1)];
  }

  /** Baseline: {@code ArrayList<Long>.add} from empty. */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public List<Long> arrayListAdd() {
    List<Long> list = appendList;
    for (long v : values) {
      list.add(v);
    }
    return list;
  }

  /** {@code StableLog.append} on heap memories, from empty. */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public long heapAppend() {
    StableLog<Long> log = appendHeapLog;
    long last = 0;
    for (long v : values) {
      last = log.append(v);
    }
    return last;
  }

  /** {@code StableLog.append} on file memories, from empty (both files grow as it fills). */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public long fileAppend() {
    StableLog<Long> log = appendFileLog;
    long last = 0;
    for (long v : values) {
      last = log.append(v);
    }
    return last;
  }

  /** Baseline: {@code ArrayList<Long>.get} of a random index. */
  @Benchmark
  public Long arrayListGet() {
    return readList.get(nextIndex());
  }

  /** {@code StableLog.get} of a random index on heap memories (decodes a new {@code Long}). */
  @Benchmark
  public Long heapGet() {
    return readHeapLog.get(nextIndex());
  }

  /** {@code StableLog.get} of a random index on file memories. */
  @Benchmark
  public Long fileGet() {
    return readFileLog.get(nextIndex());
  }

  /** {@code StableLog.readEntry} of a random index into a reused buffer, on file memories. */
  @Benchmark
  public int fileReadEntry() {
    return readFileLog.readEntry(nextIndex(), buffer, 0);
  }
}
