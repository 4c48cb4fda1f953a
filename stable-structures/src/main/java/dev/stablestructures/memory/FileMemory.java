package dev.stablestructures.memory;

import dev.stablestructures.IncompatibleLayoutException;
import dev.stablestructures.MemoryIoException;
import dev.stablestructures.MemoryLockedException;
import dev.stablestructures.MemoryOutOfBoundsException;
import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * <p>A primitive access inside one chunk is a single {@link VarHandle} read or write on that
 * chunk's buffer (in the byte order the accessor names); one that straddles two chunks takes a slow
 * byte-by-byte path. Bulk reads and writes copy chunk by chunk. A mapping cannot be extended, so
 * when the file grows the last, partial chunk is mapped again at its new length and any new chunks
 * are mapped after it; the replaced buffer is unmapped by the garbage collector (the JDK also runs
 * a collection and retries if the OS refuses a mapping). Why 64 MiB: the IC's 500 GiB limit takes
 * 8,000 mappings, well under Linux's default {@code vm.max_map_count} of 65,530 even with replaced
 * tail mappings waiting for collection; a replaced tail holds at most 64 MiB of address space; the
 * chunk table stays tiny; and only accesses within 7 bytes of a 64 MiB boundary take the slow path.
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
 * (even {@link Files#readAllBytes}) while a memory has it open. This class itself never opens a
 * second descriptor of a file it holds.
 *
 * <p>Writes land in the OS page cache and reach the disk whenever the OS writes them back, or at
 * {@link #flush} and {@link #close}; a crash can keep any subset of the writes since the last
 * flush. Since growth is sparse, a full disk shows up when a page is first written, and the JVM
 * then reports it as an {@link InternalError} from the faulting access.
 *
 * <p>Every access is bounds-checked against the current size before any buffer is touched: one
 * outside {@code [0, size() * PAGE_SIZE)} throws {@link MemoryOutOfBoundsException}, and any access
 * after {@link #close} throws {@link IllegalStateException}. Not thread-safe, like every {@link
 * Memory}.
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

  private static final VarHandle SHORT_LE =
      MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LE =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_BE =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_BE =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /**
   * Files this JVM holds open, by file identity. Checked before opening a descriptor because, with
   * POSIX locks, opening and closing a second descriptor would silently drop the holder's lock.
   */
  private static final Map<Object, Registration> OPEN = new HashMap<>();

  private final Path path;
  private final long maxPages;
  private final int chunkShift;
  private final int chunkMask;
  private final Io io;
  private final RandomAccessFile file;
  private final FileLock lock;
  private final Object key;
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
      Io io,
      RandomAccessFile file,
      FileLock lock,
      Object key,
      ByteBuffer[] chunks,
      long pages) {
    this.path = path;
    this.maxPages = maxPages;
    this.chunkShift = chunkShift;
    this.chunkMask = (1 << chunkShift) - 1;
    this.io = io;
    this.file = file;
    this.lock = lock;
    this.key = key;
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
    return open(path, maxPages, CHUNK_SHIFT, Io.SYSTEM);
  }

  /** Opens with a chosen chunk size and I/O primitives; tests use small chunks and failing I/O. */
  static FileMemory open(Path path, long maxPages, int chunkShift, Io io) {
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
    synchronized (OPEN) {
      Object existing = identity(path);
      if (existing != null && OPEN.containsKey(existing)) {
        throw openHere(path);
      }
      RandomAccessFile file;
      try {
        file = new RandomAccessFile(path.toFile(), "rw");
      } catch (IOException e) {
        throw new MemoryIoException("cannot open memory file " + path + ": " + e.getMessage(), e);
      }
      Object key;
      try {
        key = identity(path);
        if (key == null) {
          throw new MemoryIoException("memory file " + path + " vanished while being opened");
        }
      } catch (RuntimeException e) {
        closeQuietly(file);
        throw e;
      }
      Registration holder = OPEN.get(key);
      if (holder != null) {
        // The path now names a file this JVM holds (renamed in between): closing this descriptor
        // would drop the holder's lock, so it is kept until the holder closes.
        holder.strays.add(file);
        throw openHere(path);
      }
      FileLock lock;
      try {
        lock = file.getChannel().tryLock();
      } catch (OverlappingFileLockException e) {
        closeQuietly(file);
        throw new MemoryLockedException("memory file " + path + " is locked by this JVM", e);
      } catch (IOException e) {
        closeQuietly(file);
        throw new MemoryIoException("cannot lock memory file " + path + ": " + e.getMessage(), e);
      }
      if (lock == null) {
        closeQuietly(file);
        throw new MemoryLockedException("memory file " + path + " is locked by another process");
      }
      try {
        long length = file.length();
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
        ByteBuffer[] chunks = map(io, file.getChannel(), new ByteBuffer[0], 0, length, chunkShift);
        FileMemory memory =
            new FileMemory(path, maxPages, chunkShift, io, file, lock, key, chunks, pages);
        OPEN.put(key, new Registration());
        return memory;
      } catch (IOException e) {
        closeQuietly(file);
        throw new MemoryIoException("cannot map memory file " + path + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        closeQuietly(file);
        throw e;
      }
    }
  }

  private static MemoryLockedException openHere(Path path) {
    return new MemoryLockedException("memory file " + path + " is already open in this JVM");
  }

  /** The file's identity (device and inode on Unix), or null if there is no such file. */
  private static Object identity(Path path) {
    try {
      Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
      return key != null ? key : path.toRealPath();
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new MemoryIoException("cannot read memory file " + path + ": " + e.getMessage(), e);
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
      Io io, FileChannel channel, ByteBuffer[] old, long oldSize, long newSize, int chunkShift)
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

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // Already failing for a better reason; the descriptor is released either way.
    }
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
      io.setLength(file, newSize);
    } catch (IOException e) {
      restoreLength(oldSize, e);
      return -1;
    }
    ByteBuffer[] table;
    try {
      table = map(io, file.getChannel(), chunks, oldSize, newSize, chunkShift);
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
      if (file.length() != length) {
        io.setLength(file, length);
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

  private byte byteAt(long offset) {
    return chunks[(int) (offset >>> chunkShift)].get((int) offset & chunkMask);
  }

  private void putByte(long offset, byte value) {
    int index = (int) (offset >>> chunkShift);
    chunks[index].put((int) offset & chunkMask, value);
    dirty[index] = true;
  }

  /** Reads {@code count} bytes, already bounds-checked, as a little-endian number. */
  private long slowReadLE(long offset, int count) {
    long value = 0;
    for (int i = 0; i < count; i++) {
      value |= (byteAt(offset + i) & 0xFFL) << (8 * i);
    }
    return value;
  }

  /** Writes the low {@code count} bytes of {@code value}, already bounds-checked, little-endian. */
  private void slowWriteLE(long offset, long value, int count) {
    for (int i = 0; i < count; i++) {
      putByte(offset + i, (byte) (value >>> (8 * i)));
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if the memory is closed
   */
  @Override
  public void read(long offset, byte[] dst, int dstOffset, int length) {
    checkRange(offset, length);
    Objects.checkFromIndexSize(dstOffset, length, dst.length);
    ByteBuffer[] table = chunks;
    while (length > 0) {
      int position = (int) offset & chunkMask;
      int n = Math.min(length, chunkMask + 1 - position);
      table[(int) (offset >>> chunkShift)].get(position, dst, dstOffset, n);
      offset += n;
      dstOffset += n;
      length -= n;
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if the memory is closed
   */
  @Override
  public void write(long offset, byte[] src, int srcOffset, int length) {
    checkRange(offset, length);
    // Checked up front: a bad source range must not leave a partial write in the first chunk.
    Objects.checkFromIndexSize(srcOffset, length, src.length);
    ByteBuffer[] table = chunks;
    while (length > 0) {
      int index = (int) (offset >>> chunkShift);
      int position = (int) offset & chunkMask;
      int n = Math.min(length, chunkMask + 1 - position);
      table[index].put(position, src, srcOffset, n);
      dirty[index] = true;
      offset += n;
      srcOffset += n;
      length -= n;
    }
  }

  @Override
  public byte readByte(long offset) {
    if (offset < 0 || offset >= sizeInBytes) {
      throw accessError(offset, 1);
    }
    return byteAt(offset);
  }

  @Override
  public void writeByte(long offset, byte value) {
    if (offset < 0 || offset >= sizeInBytes) {
      throw accessError(offset, 1);
    }
    putByte(offset, value);
  }

  @Override
  public int readShortLE(long offset) {
    if (offset < 0 || offset > sizeInBytes - Short.BYTES) {
      throw accessError(offset, Short.BYTES);
    }
    int position = (int) offset & chunkMask;
    if (position <= chunkMask - (Short.BYTES - 1)) {
      return (short) SHORT_LE.get(chunks[(int) (offset >>> chunkShift)], position) & 0xFFFF;
    }
    return (int) slowReadLE(offset, Short.BYTES);
  }

  @Override
  public void writeShortLE(long offset, int value) {
    if (offset < 0 || offset > sizeInBytes - Short.BYTES) {
      throw accessError(offset, Short.BYTES);
    }
    int position = (int) offset & chunkMask;
    if (position <= chunkMask - (Short.BYTES - 1)) {
      int index = (int) (offset >>> chunkShift);
      SHORT_LE.set(chunks[index], position, (short) value);
      dirty[index] = true;
    } else {
      slowWriteLE(offset, value, Short.BYTES);
    }
  }

  @Override
  public int readIntLE(long offset) {
    if (offset < 0 || offset > sizeInBytes - Integer.BYTES) {
      throw accessError(offset, Integer.BYTES);
    }
    int position = (int) offset & chunkMask;
    if (position <= chunkMask - (Integer.BYTES - 1)) {
      return (int) INT_LE.get(chunks[(int) (offset >>> chunkShift)], position);
    }
    return (int) slowReadLE(offset, Integer.BYTES);
  }

  @Override
  public void writeIntLE(long offset, int value) {
    if (offset < 0 || offset > sizeInBytes - Integer.BYTES) {
      throw accessError(offset, Integer.BYTES);
    }
    int position = (int) offset & chunkMask;
    if (position <= chunkMask - (Integer.BYTES - 1)) {
      int index = (int) (offset >>> chunkShift);
      INT_LE.set(chunks[index], position, value);
      dirty[index] = true;
    } else {
      slowWriteLE(offset, value, Integer.BYTES);
    }
  }

  @Override
  public long readLongLE(long offset) {
    if (offset < 0 || offset > sizeInBytes - Long.BYTES) {
      throw accessError(offset, Long.BYTES);
    }
    int position = (int) offset & chunkMask;
    if (position <= chunkMask - (Long.BYTES - 1)) {
      return (long) LONG_LE.get(chunks[(int) (offset >>> chunkShift)], position);
    }
    return slowReadLE(offset, Long.BYTES);
  }

  @Override
  public void writeLongLE(long offset, long value) {
    if (offset < 0 || offset > sizeInBytes - Long.BYTES) {
      throw accessError(offset, Long.BYTES);
    }
    int position = (int) offset & chunkMask;
    if (position <= chunkMask - (Long.BYTES - 1)) {
      int index = (int) (offset >>> chunkShift);
      LONG_LE.set(chunks[index], position, value);
      dirty[index] = true;
    } else {
      slowWriteLE(offset, value, Long.BYTES);
    }
  }

  @Override
  public int readIntBE(long offset) {
    if (offset < 0 || offset > sizeInBytes - Integer.BYTES) {
      throw accessError(offset, Integer.BYTES);
    }
    int position = (int) offset & chunkMask;
    if (position <= chunkMask - (Integer.BYTES - 1)) {
      return (int) INT_BE.get(chunks[(int) (offset >>> chunkShift)], position);
    }
    return Integer.reverseBytes((int) slowReadLE(offset, Integer.BYTES));
  }

  @Override
  public void writeIntBE(long offset, int value) {
    if (offset < 0 || offset > sizeInBytes - Integer.BYTES) {
      throw accessError(offset, Integer.BYTES);
    }
    int position = (int) offset & chunkMask;
    if (position <= chunkMask - (Integer.BYTES - 1)) {
      int index = (int) (offset >>> chunkShift);
      INT_BE.set(chunks[index], position, value);
      dirty[index] = true;
    } else {
      slowWriteLE(offset, Integer.reverseBytes(value), Integer.BYTES);
    }
  }

  @Override
  public long readLongBE(long offset) {
    if (offset < 0 || offset > sizeInBytes - Long.BYTES) {
      throw accessError(offset, Long.BYTES);
    }
    int position = (int) offset & chunkMask;
    if (position <= chunkMask - (Long.BYTES - 1)) {
      return (long) LONG_BE.get(chunks[(int) (offset >>> chunkShift)], position);
    }
    return Long.reverseBytes(slowReadLE(offset, Long.BYTES));
  }

  @Override
  public void writeLongBE(long offset, long value) {
    if (offset < 0 || offset > sizeInBytes - Long.BYTES) {
      throw accessError(offset, Long.BYTES);
    }
    int position = (int) offset & chunkMask;
    if (position <= chunkMask - (Long.BYTES - 1)) {
      int index = (int) (offset >>> chunkShift);
      LONG_BE.set(chunks[index], position, value);
      dirty[index] = true;
    } else {
      slowWriteLE(offset, Long.reverseBytes(value), Long.BYTES);
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
        file.getChannel().force(true);
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
    synchronized (OPEN) {
      try {
        lock.release();
        file.close();
      } catch (IOException e) {
        MemoryIoException closeFailure =
            new MemoryIoException("cannot close memory file " + path + ": " + e.getMessage(), e);
        if (failure == null) {
          failure = closeFailure;
        } else {
          failure.addSuppressed(closeFailure);
        }
        closeQuietly(file);
      }
      Registration registration = OPEN.remove(key);
      if (registration != null) {
        registration.strays.forEach(FileMemory::closeQuietly);
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

  /** What the JVM-wide table keeps for one open file. */
  private static final class Registration {
    /** Descriptors opened by mistake on this file, closed only with it (see {@link #open}). */
    final List<RandomAccessFile> strays = new ArrayList<>();
  }

  /** The OS operations that can fail during growth; tests substitute failing ones. */
  interface Io {
    /** The real operations. */
    Io SYSTEM =
        new Io() {
          @Override
          public void setLength(RandomAccessFile file, long length) throws IOException {
            file.setLength(length);
          }

          @Override
          public MappedByteBuffer map(FileChannel channel, long position, long size)
              throws IOException {
            return channel.map(FileChannel.MapMode.READ_WRITE, position, size);
          }
        };

    /**
     * Sets the file's length (sparse when growing).
     *
     * @param file the file
     * @param length the new length in bytes
     * @throws IOException if the OS refuses
     */
    void setLength(RandomAccessFile file, long length) throws IOException;

    /**
     * Maps a region of the file read-write.
     *
     * @param channel the file's channel
     * @param position the first byte
     * @param size the region's length, at most {@code Integer.MAX_VALUE}
     * @return the mapping
     * @throws IOException if the OS refuses
     */
    MappedByteBuffer map(FileChannel channel, long position, long size) throws IOException;
  }
}
