package dev.stablestructures.benchmarks;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.bytes.MappedBytes;
import org.agrona.concurrent.UnsafeBuffer;
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
 * The off-heap access paths we chose between for {@code FileMemory}: random little-endian long
 * reads over a memory-mapped file through a plain {@link MappedByteBuffer} with a {@link VarHandle}
 * view (no JVM flags), agrona's {@link UnsafeBuffer} and chronicle-bytes' {@link MappedBytes} (both
 * need {@code --add-exports/--add-opens} flags, given here per fork). The {@code byte[]} row is the
 * heap baseline. Chronicle's analytics are off the class path and disabled by property as well.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Dchronicle.analytics.disable=true",
      "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
      "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED"
    })
public class OffHeapBaselineBenchmark {
  private static final VarHandle LONG_LE_BUFFER =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LE_ARRAY =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int OFFSETS = 1 << 16;

  /**
   * Bytes in the region read: 64 MiB, larger than the caches, within one mapping for every path.
   */
  @Param({"67108864"})
  public int regionBytes;

  private Path file;
  private RandomAccessFile raf;
  private MappedByteBuffer mapped;
  private UnsafeBuffer unsafe;
  private MappedBytes chronicle;
  private byte[] heap;
  private final long[] offsets = new long[OFFSETS];
  private int next;

  /** Maps the file once for each access path and draws the random offsets. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    file = Files.createTempFile("offheap-baseline", ".bin");
    raf = new RandomAccessFile(file.toFile(), "rw");
    raf.setLength(regionBytes);
    mapped = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, regionBytes);
    unsafe = new UnsafeBuffer(mapped);
    chronicle = MappedBytes.singleMappedBytes(file.toFile(), regionBytes);
    heap = new byte[regionBytes];
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < regionBytes; i += 8) {
      long value = random.nextLong();
      LONG_LE_BUFFER.set(mapped, i, value);
      LONG_LE_ARRAY.set(heap, i, value);
    }
    for (int i = 0; i < OFFSETS; i++) {
      offsets[i] = (long) random.nextInt(regionBytes / 8) * 8;
    }
  }

  /** Unmaps and deletes the file. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    chronicle.releaseLast();
    raf.close();
    Files.deleteIfExists(file);
  }

  private long nextOffset() {
    return offsets[next++ & (OFFSETS - 1)];
  }

  /** Heap baseline: a {@code byte[]} with a VarHandle view. */
  @Benchmark
  public long byteArrayVarHandle() {
    return (long) LONG_LE_ARRAY.get(heap, (int) nextOffset());
  }

  /** Our choice: a MappedByteBuffer with a VarHandle view, no JVM flags. */
  @Benchmark
  public long mappedByteBufferVarHandle() {
    return (long) LONG_LE_BUFFER.get(mapped, (int) nextOffset());
  }

  /** agrona 2.x UnsafeBuffer over the same mapping, bounds checks on (the default). */
  @Benchmark
  public long agronaUnsafeBuffer() {
    return unsafe.getLong((int) nextOffset(), ByteOrder.LITTLE_ENDIAN);
  }

  /** chronicle-bytes MappedBytes over the same file. */
  @Benchmark
  public long chronicleMappedBytes() {
    return chronicle.readLong(nextOffset());
  }
}
