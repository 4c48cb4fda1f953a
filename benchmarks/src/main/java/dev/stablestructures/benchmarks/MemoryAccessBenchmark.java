package dev.stablestructures.benchmarks;

import dev.stablestructures.memory.FileMemory;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memory;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * Random primitive and small bulk accesses through the {@link Memory} interface, for {@link
 * HeapMemory} and {@link FileMemory}, against the raw paths they are built on: a {@code byte[]} and
 * one {@link MappedByteBuffer}, both read through little-endian {@link VarHandle} views. The ratio
 * to the raw path is the cost of the interface, its bounds checks and (for files) the lookup of the
 * 64 MiB chunk; at 256 MiB the file spans four chunks.
 *
 * <p>Both memories sit in fields of the interface type and both are used in the same JVM, so the
 * call sites are what a user of {@code Memory} sees, not a monomorphic best case.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class MemoryAccessBenchmark {
  private static final int OFFSETS = 1 << 16;
  private static final int BULK = 64;
  private static final VarHandle ARRAY_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle BUFFER_LONG =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Size of every memory, in MiB. */
  @Param({"64", "256"})
  public int mebibytes;

  Memory heap;
  Memory file;
  byte[] array;
  MappedByteBuffer mapped;
  private FileMemory fileMemory;
  private FileChannel rawChannel;
  private Path memoryFile;
  private Path rawFile;
  final int[] offsets = new int[OFFSETS];
  private final byte[] bulk = new byte[BULK];
  int next;

  /** Creates and fills the four memories with the same bytes and draws aligned offsets. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    int bytes = mebibytes << 20;
    long pages = bytes / Memory.PAGE_SIZE;
    heap = new HeapMemory();
    heap.grow(pages);
    memoryFile = Files.createTempFile("memory-access", ".bin");
    Files.delete(memoryFile);
    fileMemory = FileMemory.open(memoryFile);
    fileMemory.grow(pages);
    file = fileMemory;
    array = new byte[bytes];
    rawFile = Files.createTempFile("memory-access-raw", ".bin");
    rawChannel = FileChannel.open(rawFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
    mapped = rawChannel.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
    SplittableRandom random = new SplittableRandom(42);
    for (int at = 0; at < bytes; at += 8) {
      long v = random.nextLong();
      heap.writeLongLE(at, v);
      file.writeLongLE(at, v);
      ARRAY_LONG.set(array, at, v);
      BUFFER_LONG.set(mapped, at, v);
    }
    for (int i = 0; i < OFFSETS; i++) {
      offsets[i] = random.nextInt(bytes / 8 - BULK / 8) * 8;
    }
  }

  /** Closes and deletes both files. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    fileMemory.close();
    rawChannel.close();
    mapped = null;
    ImageFiles.delete(memoryFile);
    Files.deleteIfExists(rawFile);
  }

  private int nextOffset() {
    return offsets[next++ & (OFFSETS - 1)];
  }

  /** Baseline: 8 bytes from a {@code byte[]} through a VarHandle. */
  @Benchmark
  public long arrayReadLong() {
    return (long) ARRAY_LONG.get(array, nextOffset());
  }

  /** Baseline: 8 bytes from one MappedByteBuffer through a VarHandle. */
  @Benchmark
  public long mappedReadLong() {
    return (long) BUFFER_LONG.get(mapped, nextOffset());
  }

  /** {@code Memory.readLongLE} on HeapMemory. */
  @Benchmark
  public long heapReadLong() {
    return heap.readLongLE(nextOffset());
  }

  /** {@code Memory.readLongLE} on FileMemory. */
  @Benchmark
  public long fileReadLong() {
    return file.readLongLE(nextOffset());
  }

  /** Baseline: a store of 8 bytes into a {@code byte[]}. */
  @Benchmark
  public void arrayWriteLong() {
    int at = nextOffset();
    ARRAY_LONG.set(array, at, (long) at);
  }

  /** Baseline: a store of 8 bytes into one MappedByteBuffer. */
  @Benchmark
  public void mappedWriteLong() {
    int at = nextOffset();
    BUFFER_LONG.set(mapped, at, (long) at);
  }

  /** {@code Memory.writeLongLE} on HeapMemory. */
  @Benchmark
  public void heapWriteLong() {
    int at = nextOffset();
    heap.writeLongLE(at, at);
  }

  /** {@code Memory.writeLongLE} on FileMemory (also marks the chunk dirty for flush). */
  @Benchmark
  public void fileWriteLong() {
    int at = nextOffset();
    file.writeLongLE(at, at);
  }

  /** Baseline: 64 bytes copied out of a {@code byte[]}. */
  @Benchmark
  public byte[] arrayRead64() {
    System.arraycopy(array, nextOffset(), bulk, 0, BULK);
    return bulk;
  }

  /** Baseline: 64 bytes copied out of one MappedByteBuffer. */
  @Benchmark
  public byte[] mappedRead64() {
    mapped.get(nextOffset(), bulk, 0, BULK);
    return bulk;
  }

  /** {@code Memory.read} of 64 bytes on HeapMemory. */
  @Benchmark
  public byte[] heapRead64() {
    heap.read(nextOffset(), bulk, 0, BULK);
    return bulk;
  }

  /** {@code Memory.read} of 64 bytes on FileMemory. */
  @Benchmark
  public byte[] fileRead64() {
    file.read(nextOffset(), bulk, 0, BULK);
    return bulk;
  }
}
