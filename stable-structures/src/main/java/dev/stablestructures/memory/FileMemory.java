package dev.stablestructures.memory;

import dev.stablestructures.IncompatibleLayoutException;
import dev.stablestructures.MemoryIoException;
import dev.stablestructures.MemoryLockedException;
import dev.stablestructures.MemoryOutOfBoundsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A memory kept in a memory-mapped file: a raw {@code stable_memory.bin} image, as a canister
 * snapshot download writes it. The file is exactly {@code size() * PAGE_SIZE} bytes long at all
 * times: {@link #grow} sets its length (sparse on Linux file systems, so a 300 GiB memory costs no
 * disk until its pages are written), and reopening a file gives back its size and content.
 *
 * <h2>Chunked mapping</h2>
 *
 * <p>One {@link MappedByteBuffer} covers at most 2 GiB, so the file is mapped as fixed 64 MiB
 * chunks held in an array indexed by {@code offset >>> 26}:
 *
 * <pre>
 * file  | chunk 0 (64 MiB) | chunk 1 (64 MiB) | ... | chunk n (partial) |
 * array [ buffer 0        ,  buffer 1        , ... , buffer n          ]
 * </pre>
 *
 * <p>A primitive access inside one chunk is a single little-endian {@link VarHandle} read or write
 * on that chunk's buffer (big-endian ones add a byte swap); one that straddles two chunks goes
 * through the bulk path, via a small array. Bulk reads and writes copy chunk by chunk. A mapping
 * cannot be extended, so when the file grows the last, partial chunk is mapped again at its new
 * length and any new chunks are mapped after it; the replaced buffer is unmapped by the garbage
 * collector (the JDK also runs a collection and retries if the OS refuses a mapping). Why 64 MiB:
 * the IC's 500 GiB limit takes 8,000 mappings, well under Linux's default {@code vm.max_map_count}
 * of 65,530 even with replaced tail mappings waiting for collection; a replaced tail holds at most
 * 64 MiB of address space; the chunk table stays tiny; and only accesses within 7 bytes of a 64 MiB
 * boundary take the slow path.
 *
 * <h2>Why no JVM flags</h2>
 *
 * <p>Plain {@link FileChannel#map} windows with {@link MethodHandles#byteBufferViewVarHandle(Class,
 * ByteOrder)} views need nothing beyond Java 17. agrona's {@code UnsafeBuffer} needs {@code
 * --add-exports} on JDK 17/25 and wraps at most 2 GiB; chronicle-bytes needs several {@code
 * --add-opens}/{@code --add-exports} flags. On JDK 22+ the Foreign Function and Memory API could
 * map the whole file as one {@code MemorySegment} without chunks; that is a candidate for a future
 * multi-release variant.
 *
 * <h2>Locking and durability</h2>
 *
 * <p>An open memory holds an exclusive {@link FileLock} on its file, so a second open, from this or
 * another process, fails with {@link MemoryLockedException}; {@link #close} releases it. On Linux
 * these are POSIX record locks, which are advisory and belong to the process: closing <em>any</em>
 * descriptor of the file in this JVM drops the lock, so do not open the file through other APIs
 * (even {@link Files#readAllBytes}) while a memory has it open. This class itself never closes a
 * second descriptor of a file it holds ({@code LockedFile} keeps that table).
 *
 * <p>Writes land in the OS page cache and reach the disk whenever the OS writes them back, or at
 * {@link #flush} and {@link #close}; a crash can keep any subset of the writes since the last
 * flush. Since growth is sparse, a full disk shows up when a page is first written, and the JVM
 * then reports it as an {@link InternalError} from the faulting access.
 *
 * <p>Every access is bounds-checked against the current size before any buffer is touched: one
 * outside {@code [0, size() * PAGE_SIZE)} throws {@link MemoryOutOfBoundsException}, and any access
 * after {@link #close} throws {@link IllegalStateException}. Reads write nothing and may run from
 * many threads at once; writes, grows, {@link #flush} and {@link #close} may not run beside any
 * other access (see {@link Memory}, "Threads").
 */
public final class FileMemory implements Memory, AutoCloseable {
  /** The IC's stable-memory limit, 500 GiB, in pages: the default maximum. */
  public static final long DEFAULT_MAX_PAGES = 500L * 16_384;

  /**
   * The largest maximum this class accepts: 2^31 pages (128 TiB), the user address space of an
   * x86-64 or AArch64 process.
   */
  public static final long MAX_PAGES = 1L << 31;

  /** log2 of the chunk size used by {@link #open}: 64 MiB. */
  static final int CHUNK_SHIFT = 26;

  /** Smallest chunk shift accepted (4 KiB, the OS page): tests use small chunks. */
  static final int MIN_CHUNK_SHIFT = 12;

  /** Largest chunk shift accepted (1 GiB): a chunk's size must fit an {@code int}. */
  static final int MAX_CHUNK_SHIFT = 30;

  private static final int MAX_CHUNKS = Integer.MAX_VALUE - 8;

  // Little-endian only: big-endian accessors are the interface's byte swaps of these.
  private static final VarHandle SHORT_LE =
      MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LE =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final Path path;
  private final long maxPages;
  private final int chunkShift;
  private final int chunkMask;
  private final FileIo io;
  private final LockedFile locked;
  // Typed ByteBuffer (not MappedByteBuffer) so VarHandle call sites match the coordinate exactly.
  private ByteBuffer[] chunks;
  // Chunks written since the last flush: flush forces only these, so its cost follows the writes,
  // not the size (each force is a synchronous msync).
  private boolean[] dirty;
  // The length changed since the last flush.
  private boolean grown;
  private long pages;
  // -1 once closed, so every bounds check fails and the failure path reports the closed state.
  private long sizeInBytes;
  private boolean closed;

  private FileMemory(
      Path path,
      long maxPages,
      int chunkShift,
      FileIo io,
      LockedFile locked,
      ByteBuffer[] chunks,
      long pages) {
    this.path = path;
    this.maxPages = maxPages;
    this.chunkShift = chunkShift;
    this.chunkMask = (1 << chunkShift) - 1;
    this.io = io;
    this.locked = locked;
    this.chunks = chunks;
    this.dirty = new boolean[chunks.length];
    this.pages = pages;
    this.sizeInBytes = pages << PAGE_SHIFT;
  }

  /**
   * Opens the memory kept in a file, creating an empty one if it does not exist, with the IC's 500
   * GiB limit.
   *
   * @param path the file
   * @return the open memory, holding the file's content
   * @throws MemoryLockedException if this or another process already has the file open
   * @throws IncompatibleLayoutException if the file's length is not a whole number of pages, or is
   *     more than the maximum; the file is left as it was
   * @throws MemoryIoException if the OS fails to open, lock or map the file
   */
  public static FileMemory open(Path path) {
    return open(path, DEFAULT_MAX_PAGES);
  }

  /**
   * Opens the memory kept in a file, creating an empty one if it does not exist.
   *
   * @param path the file
   * @param maxPages the most pages {@link #grow} will allow, 0 to {@link #MAX_PAGES}
   * @return the open memory, holding the file's content
   * @throws IllegalArgumentException if {@code maxPages} is out of range
   * @throws MemoryLockedException if this or another process already has the file open
   * @throws IncompatibleLayoutException if the file's length is not a whole number of pages, or is
   *     more than {@code maxPages}; the file is left as it was
   * @throws MemoryIoException if the OS fails to open, lock or map the file
   */
  public static FileMemory open(Path path, long maxPages) {
    return open(path, maxPages, CHUNK_SHIFT, FileIo.SYSTEM);
  }

  /** Opens with a chosen chunk size and I/O primitives; tests use small chunks and failing I/O. */
  static FileMemory open(Path path, long maxPages, int chunkShift, FileIo io) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(io, "io");
    if (maxPages < 0 || maxPages > MAX_PAGES) {
      throw new IllegalArgumentException("maxPages must be in [0, " + MAX_PAGES + "]: " + maxPages);
    }
    if (chunkShift < MIN_CHUNK_SHIFT || chunkShift > MAX_CHUNK_SHIFT) {
      throw new IllegalArgumentException(
          "chunkShift must be in ["
              + MIN_CHUNK_SHIFT
              + ", "
              + MAX_CHUNK_SHIFT
              + "]: "
              + chunkShift);
    }
    LockedFile locked = LockedFile.open(path);
    try {
      long length = locked.file().length();
      if (length % PAGE_SIZE != 0) {
        throw new IncompatibleLayoutException(
            "memory file "
                + path
                + " is "
                + length
                + " bytes long, not a whole number of 64 KiB pages");
      }
      long pages = length >>> PAGE_SHIFT;
      if (pages > maxPages) {
        throw new IncompatibleLayoutException(
            "memory file " + path + " holds " + pages + " pages, more than maxPages " + maxPages);
      }
      if (chunkCount(length, chunkShift) > MAX_CHUNKS) {
        throw new IncompatibleLayoutException(
            "memory file " + path + " of " + length + " bytes needs too many chunks");
      }
      FileChannel channel = locked.file().getChannel();
      ByteBuffer[] chunks = map(io, channel, new ByteBuffer[0], 0, length, chunkShift);
      return new FileMemory(path, maxPages, chunkShift, io, locked, chunks, pages);
    } catch (IOException e) {
      locked.closeQuietly();
      throw new MemoryIoException("cannot map memory file " + path + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      locked.closeQuietly();
      throw e;
    }
  }

  private static long chunkCount(long bytes, int chunkShift) {
    return (bytes + (1L << chunkShift) - 1) >>> chunkShift;
  }

  /**
   * Returns a chunk table for a file grown from {@code oldSize} to {@code newSize} bytes: the old
   * full chunks are kept, the old partial tail and every new chunk are mapped afresh. The old table
   * is not modified, so a failure leaves it valid.
   */
  private static ByteBuffer[] map(
      FileIo io, FileChannel channel, ByteBuffer[] old, long oldSize, long newSize, int chunkShift)
      throws IOException {
    long chunkSize = 1L << chunkShift;
    int count = (int) chunkCount(newSize, chunkShift);
    ByteBuffer[] chunks = Arrays.copyOf(old, count);
    for (int i = (int) (oldSize >>> chunkShift); i < count; i++) {
      long position = (long) i << chunkShift;
      chunks[i] = io.map(channel, position, Math.min(chunkSize, newSize - position));
    }
    return chunks;
  }

  /**
   * Returns the file this memory lives in.
   *
   * @return the path given to {@link #open}
   */
  public Path path() {
    return path;
  }

  /**
   * Returns the most pages this memory may grow to.
   *
   * @return the maximum size in pages
   */
  public long maxPages() {
    return maxPages;
  }

  /**
   * Tells whether the memory is still open.
   *
   * @return false once {@link #close} has run
   */
  public boolean isOpen() {
    return !closed;
  }

  private void ensureOpen() {
    if (closed) {
      throw closedError();
    }
  }

  private IllegalStateException closedError() {
    return new IllegalStateException("memory file " + path + " is closed");
  }

  private RuntimeException accessError(long offset, long length) {
    return closed ? closedError() : Memories.outOfBounds(offset, length, sizeInBytes);
  }

  private void checkRange(long offset, int length) {
    ensureOpen();
    Memories.checkBounds(offset, length, sizeInBytes);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if the memory is closed
   */
  @Override
  public long size() {
    ensureOpen();
    return pages;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if the memory is closed
   */
  @Override
  public long sizeInBytes() {
    ensureOpen();
    return sizeInBytes;
  }

  /**
   * Extends the file by zero-filled pages and maps them. Returns -1, changing nothing, past the
   * maximum or when the OS refuses to extend or map the file.
   *
   * @throws IllegalStateException if the memory is closed
   * @throws MemoryIoException if a refused grow could not be undone (the file was extended but
   *     cannot be shrunk back); the memory keeps its old size
   */
  @Override
  public long grow(long delta) {
    ensureOpen();
    if (delta < 0) {
      throw new IllegalArgumentException("cannot grow by a negative number of pages: " + delta);
    }
    long previous = pages;
    if (delta > maxPages - previous) {
      return -1;
    }
    if (delta == 0) {
      return previous;
    }
    long oldSize = sizeInBytes;
    long newSize = (previous + delta) << PAGE_SHIFT;
    if (chunkCount(newSize, chunkShift) > MAX_CHUNKS) {
      return -1;
    }
    try {
      io.setLength(locked.file(), newSize);
    } catch (IOException e) {
      restoreLength(oldSize, e);
      return -1;
    }
    ByteBuffer[] table;
    try {
      table = map(io, locked.file().getChannel(), chunks, oldSize, newSize, chunkShift);
    } catch (IOException e) {
      restoreLength(oldSize, e);
      return -1;
    }
    chunks = table;
    dirty = Arrays.copyOf(dirty, table.length);
    grown = true;
    pages = previous + delta;
    sizeInBytes = newSize;
    return previous;
  }

  /** Puts the file back to {@code length} bytes after a refused grow. */
  private void restoreLength(long length, IOException cause) {
    try {
      if (locked.file().length() != length) {
        io.setLength(locked.file(), length);
      }
    } catch (IOException e) {
      e.addSuppressed(cause);
      throw new MemoryIoException(
          "memory file "
              + path
              + " could not grow and could not be shrunk back to "
              + length
              + " bytes: "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public void read(long offset, byte[] dst, int dstOffset, int length) {
    copy(Transfer.READ, offset, dst, dstOffset, length);
  }

  @Override
  public void write(long offset, byte[] src, int srcOffset, int length) {
    copy(Transfer.WRITE, offset, src, srcOffset, length);
  }

  /** A bulk access, one piece per chunk it touches. */
  private void copy(Transfer transfer, long offset, byte[] bytes, int at, int length) {
    checkRange(offset, length);
    // Checked up front: a bad array range must not leave a partial write in the first chunk.
    Objects.checkFromIndexSize(at, length, bytes.length);
    ByteBuffer[] table = chunks;
    while (length > 0) {
      int index = (int) (offset >>> chunkShift);
      int position = (int) offset & chunkMask;
      int n = Math.min(length, chunkMask + 1 - position);
      if (transfer == Transfer.READ) {
        table[index].get(position, bytes, at, n);
      } else {
        table[index].put(position, bytes, at, n);
        dirty[index] = true;
      }
      offset += n;
      at += n;
      length -= n;
    }
  }

  /**
   * Checks an access of {@code width} bytes and returns its position in its chunk, or -1 if it
   * straddles two chunks.
   */
  private int position(long offset, int width) {
    if (offset < 0 || offset > sizeInBytes - width) {
      throw accessError(offset, width);
    }
    int position = (int) offset & chunkMask;
    return position <= chunkMask + 1 - width ? position : -1;
  }

  private ByteBuffer chunk(long offset) {
    return chunks[(int) (offset >>> chunkShift)];
  }

  /** Returns the chunk holding {@code offset}, marked as written since the last flush. */
  private ByteBuffer written(long offset) {
    int index = (int) (offset >>> chunkShift);
    dirty[index] = true;
    return chunks[index];
  }

  @Override
  public byte readByte(long offset) {
    int at = position(offset, Byte.BYTES);
    return chunk(offset).get(at);
  }

  @Override
  public void writeByte(long offset, byte value) {
    int at = position(offset, Byte.BYTES);
    written(offset).put(at, value);
  }

  @Override
  public int readShortLE(long offset) {
    int at = position(offset, Short.BYTES);
    return at >= 0
        ? (short) SHORT_LE.get(chunk(offset), at) & 0xFFFF
        : Memory.super.readShortLE(offset);
  }

  @Override
  public void writeShortLE(long offset, int value) {
    int at = position(offset, Short.BYTES);
    if (at >= 0) {
      SHORT_LE.set(written(offset), at, (short) value);
    } else {
      Memory.super.writeShortLE(offset, value);
    }
  }

  @Override
  public int readIntLE(long offset) {
    int at = position(offset, Integer.BYTES);
    return at >= 0 ? (int) INT_LE.get(chunk(offset), at) : Memory.super.readIntLE(offset);
  }

  @Override
  public void writeIntLE(long offset, int value) {
    int at = position(offset, Integer.BYTES);
    if (at >= 0) {
      INT_LE.set(written(offset), at, value);
    } else {
      Memory.super.writeIntLE(offset, value);
    }
  }

  @Override
  public long readLongLE(long offset) {
    int at = position(offset, Long.BYTES);
    return at >= 0 ? (long) LONG_LE.get(chunk(offset), at) : Memory.super.readLongLE(offset);
  }

  @Override
  public void writeLongLE(long offset, long value) {
    int at = position(offset, Long.BYTES);
    if (at >= 0) {
      LONG_LE.set(written(offset), at, value);
    } else {
      Memory.super.writeLongLE(offset, value);
    }
  }

  /**
   * Writes every changed page and the file's length to the storage device. Only chunks written
   * since the last flush are forced; with nothing written or grown, this does nothing.
   *
   * @throws IllegalStateException if the memory is closed
   * @throws MemoryIoException if the OS reports a failure; the changes stay pending
   */
  public void flush() {
    ensureOpen();
    try {
      boolean changed = grown;
      for (int i = 0; i < chunks.length; i++) {
        if (dirty[i]) {
          ((MappedByteBuffer) chunks[i]).force();
          dirty[i] = false;
          changed = true;
        }
      }
      if (changed) {
        // Also persists the length; and the channel's own guarantee covers what msync may not.
        locked.file().getChannel().force(true);
        grown = false;
      }
    } catch (IOException | UncheckedIOException e) {
      throw new MemoryIoException("cannot flush memory file " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Flushes, releases the lock and closes the file. Later accesses throw {@link
   * IllegalStateException}; closing again does nothing. The mappings themselves are released by the
   * garbage collector.
   *
   * @throws MemoryIoException if the flush or the close failed; the memory is closed anyway
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    MemoryIoException failure = null;
    try {
      flush();
    } catch (MemoryIoException e) {
      failure = e;
    }
    closed = true;
    sizeInBytes = -1;
    pages = 0;
    chunks = new ByteBuffer[0];
    dirty = new boolean[0];
    try {
      locked.close();
    } catch (MemoryIoException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "FileMemory[" + path + (closed ? ", closed]" : ", " + pages + " pages]");
  }
}
