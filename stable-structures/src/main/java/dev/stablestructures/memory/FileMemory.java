package dev.stablestructures.memory;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.ForeignJournalException;
import dev.stablestructures.IncompatibleLayoutException;
import dev.stablestructures.MemoryIoException;
import dev.stablestructures.MemoryLockedException;
import dev.stablestructures.MemoryOutOfBoundsException;
import dev.stablestructures.ReadOnlyMemoryException;
import dev.stablestructures.UnsupportedVersionException;
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
import java.util.Objects;

/**
 * A memory kept in a memory-mapped file: a raw {@code stable_memory.bin} image, as a canister
 * snapshot download writes it, with its undo journal beside it in {@code stable_memory.bin.journal}
 * ({@link JournalLayout}). Outside a transaction the file is exactly {@code size() * PAGE_SIZE}
 * bytes long: {@link #grow} sets its length (sparse on Linux file systems, so a 300 GiB memory
 * costs no disk until its pages are written), and reopening a file gives back its size and content.
 * The image's format is the crate's, unchanged: an image copied without its journal while no
 * transaction is open is complete.
 *
 * <h2>What survives what</h2>
 *
 * <pre>
 * +------------------------+---------------------------+-------------------------------------+
 * | event                  | PROCESS_DEATH (default)   | POWER_LOSS                          |
 * +------------------------+---------------------------+-------------------------------------+
 * | exception, rollback    | the step's writes undone  | the step's writes undone            |
 * | kill -9, OOM, JVM dies | last commit kept, exactly | last commit kept, exactly           |
 * | power cut, kernel dies | no promise (see below)    | last commit kept, exactly           |
 * | cost per write         | old bytes copied to the   | the same, plus the write goes to a  |
 * |   in a transaction     |   mapped journal          |   heap page overlay                 |
 * | syncs per commit       | none                      | 3 (journal, image, journal)         |
 * +------------------------+---------------------------+-------------------------------------+
 * </pre>
 *
 * <p>Every write inside a transaction ({@link Journal#step()}; every structure operation opens one)
 * first saves the bytes it overwrites to the journal. {@link #open} finds a journal holding an
 * unfinished transaction and puts the image back as it was at that transaction's begin before
 * anything can read it, cutting the file back to its size then (see {@link JournalLayout}); a
 * journal that does not belong to the image is a typed error and nothing is changed. Within a
 * running process a memory never shrinks: a rolled-back grow leaves its pages, zeroed.
 *
 * <p><b>PROCESS_DEATH</b> writes the image in place. The order is: the undo record into the mapped
 * journal, a release store of the journal's record count, a store-store fence, then the image
 * write; commit is one aligned 8-byte store of count 0. Stores into a shared mapping are in the OS
 * page cache as soon as they complete, and the page cache outlives the process, so a kill at any
 * instant leaves a journal that undoes every image write it allowed; no sync call is made. A power
 * cut can lose any unsynced page of either file in any order, so recovery may then find a torn
 * journal (a typed error) or an image that is no committed state.
 *
 * <p><b>POWER_LOSS</b> assumes the OS writes any dirty mapped page back at any moment. So a
 * transaction's image writes wait in a bounded heap overlay of 4 KiB pages (64 MiB), which the
 * transaction's reads consult first, and reach the image only after the journal that undoes them is
 * synced. A commit makes three syncs (journal, image, the journal's commit point: see
 * FileMemoryJournal); a full overlay spills early. A grow outside a transaction is synced at once,
 * so no journal finds the image shorter than it recorded. A read-only transaction syncs nothing.
 *
 * <p><b>Read-only</b> ({@link FileMemoryOptions#readOnly(boolean)}): mapped read-only under a
 * shared lock, no journal created, an unfinished transaction refused, not recovered; every write
 * and grow throws {@link ReadOnlyMemoryException}.
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
 * through the bulk path, via a small array. Plain {@link FileChannel#map} windows with {@link
 * MethodHandles#byteBufferViewVarHandle} views need no JVM flags.
 *
 * <h2>Locking</h2>
 *
 * <p>An open memory holds an exclusive {@link FileLock} on its image, which also guards the
 * journal, so a second open, from this or another process, fails with {@link
 * MemoryLockedException}; {@link #close} releases it. On Linux these are POSIX record locks, which
 * are advisory and belong to the process: closing <em>any</em> descriptor of the file in this JVM
 * drops the lock, so do not open the image through other APIs (even {@link Files#readAllBytes})
 * while a memory has it open. Since growth is sparse, a full disk shows up when a page is first
 * written, and the JVM then reports it as an {@link InternalError} from the faulting access.
 *
 * <p>Every access is bounds-checked against the current size before any buffer is touched: one
 * outside {@code [0, size() * PAGE_SIZE)} throws {@link MemoryOutOfBoundsException}, and any access
 * after {@link #close} throws {@link IllegalStateException}. Reads write nothing and may run from
 * many threads at once while no thread writes; writes, grows, {@link #flush} and {@link #close} may
 * not run beside any other access (see {@link Memory}, "Threads"). The journal refuses another
 * thread's write during a transaction, but a read from another thread meanwhile sees half of it
 * (and in power-loss mode races the overlay): share a memory through the store's lock.
 */
public final class FileMemory implements Memory, AutoCloseable {
  /** The IC's stable-memory limit, 500 GiB, in pages: the default maximum. */
  public static final long DEFAULT_MAX_PAGES = 500L * 16_384;

  /**
   * The largest maximum this class accepts: 2^31 pages (128 TiB), the user address space of an
   * x86-64 or AArch64 process.
   */
  public static final long MAX_PAGES = 1L << 31;

  /** The journal file's name: the image's name with this appended. */
  public static final String JOURNAL_SUFFIX = ".journal";

  /** log2 of the chunk size used by {@link #open}: 64 MiB. */
  static final int CHUNK_SHIFT = 26;

  /** Smallest chunk shift accepted (4 KiB, the OS page): tests use small chunks. */
  static final int MIN_CHUNK_SHIFT = 12;

  /** Largest chunk shift accepted (1 GiB): a chunk's size must fit an {@code int}. */
  static final int MAX_CHUNK_SHIFT = 30;

  /** The most chunks a chunk table holds: the longest array the JVM allocates. */
  static final int MAX_CHUNKS = Integer.MAX_VALUE - 8;

  // Little-endian only: big-endian accessors are the interface's byte swaps of these.
  private static final VarHandle SHORT_LE =
      MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LE =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final Path path;
  private final long maxPages;

  /** The most chunks the chunk table may hold: {@link #MAX_CHUNKS} but in tests. */
  private final int maxChunks;

  final int chunkShift;
  final int chunkMask;
  final IoFile file;
  final Durability durability;
  private final LockedFile locked;
  // Null when read-only: no journal file is created, and nothing is ever journaled.
  private final FileJournalStorage journalFile;
  private final boolean readOnly;
  private final Journal journal;
  // Typed ByteBuffer (not MappedByteBuffer) so VarHandle call sites match the coordinate exactly.
  ByteBuffer[] chunks;
  // Chunks written since the last flush: flush forces only these, so its cost follows the writes,
  // not the size (each force is a synchronous msync).
  boolean[] dirty;
  // The length changed since the last flush.
  boolean grown;
  private long pages;
  // -1 once closed, so every bounds check fails and the failure path reports the closed state.
  long sizeInBytes;
  // The file's length: sizeInBytes, except inside a power-loss transaction that grew.
  long fileBytes;
  // How far the chunk table maps the file: at least fileBytes (see FileGrowth).
  long mappedBytes;
  // Non-null only inside a power-loss transaction: every access of this memory consults it.
  PageOverlay overlay;
  private boolean closed;

  FileMemory(
      Path path,
      long maxPages,
      int chunkShift,
      IoFile file,
      LockedFile locked,
      ByteBuffer[] chunks,
      long pages,
      FileMemoryOptions options,
      FileMemoryTuning tuning,
      FileJournalStorage journalFile,
      long lastTxSequence) {
    this.path = path;
    this.maxPages = maxPages;
    this.chunkShift = chunkShift;
    this.chunkMask = (1 << chunkShift) - 1;
    this.file = file;
    this.locked = locked;
    this.chunks = chunks;
    this.dirty = new boolean[chunks.length];
    this.pages = pages;
    this.sizeInBytes = pages << PAGE_SHIFT;
    this.fileBytes = sizeInBytes;
    this.mappedBytes = sizeInBytes;
    this.durability = options.durability();
    this.journalFile = journalFile;
    this.readOnly = options.readOnly();
    this.maxChunks = tuning.maxChunks();
    FileMemoryJournal target = new FileMemoryJournal(this, tuning.overlayPages());
    JournalStorage storage = journalFile != null ? journalFile : new HeapJournalStorage();
    this.journal = new Journal(target, storage, "memory file " + path);
    target.attach(journal, journalFile);
    journal.continueSequence(lastTxSequence);
  }

  /**
   * Opens the memory kept in a file, creating an empty one if it does not exist, with the IC's 500
   * GiB limit and {@link Durability#PROCESS_DEATH}.
   *
   * @param path the file
   * @return the open memory, holding the file's content
   * @throws MemoryLockedException if this or another process already has the file open
   * @throws IncompatibleLayoutException if the file's length is not a whole number of pages, or is
   *     more than the maximum; the file is left as it was
   * @throws MemoryIoException if the OS fails to open, lock or map the file
   */
  public static FileMemory open(Path path) {
    return open(path, FileMemoryOptions.defaults());
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
    return open(path, FileMemoryOptions.defaults().maxPages(maxPages));
  }

  /**
   * Opens the memory kept in a file with chosen options, creating an empty one if it does not
   * exist, and its journal beside it; recovers the image first if the journal holds an unfinished
   * transaction.
   *
   * @param path the image file
   * @param options the page limit and the durability
   * @return the open memory, holding the file's last committed content
   * @throws MemoryLockedException if this or another process already has the file open
   * @throws IncompatibleLayoutException if the file's length is not a whole number of pages, or is
   *     more than the maximum; the file is left as it was
   * @throws ForeignJournalException if the journal names another image, or a larger one
   * @throws BadMagicException if the journal file is not a journal
   * @throws UnsupportedVersionException if the journal was written by a newer version
   * @throws CorruptedStructureException if the journal is damaged; in all four cases neither file
   *     was changed
   * @throws ReadOnlyMemoryException if read-only and the journal holds an unfinished transaction
   * @throws MemoryIoException if the OS fails to open, lock, map or sync a file
   */
  public static FileMemory open(Path path, FileMemoryOptions options) {
    return open(path, options, CHUNK_SHIFT, FileIo.SYSTEM);
  }

  /** Opens with a chosen chunk size and I/O primitives; tests use small chunks and failing I/O. */
  static FileMemory open(Path path, long maxPages, int chunkShift, FileIo io) {
    return open(path, FileMemoryOptions.defaults().maxPages(maxPages), chunkShift, io);
  }

  /** Opens with chosen options, chunk size and I/O primitives. */
  static FileMemory open(Path path, FileMemoryOptions options, int chunkShift, FileIo io) {
    return open(path, options, FileMemoryTuning.DEFAULT, chunkShift, io);
  }

  /** Opens with chosen options, test knobs, chunk size and I/O primitives. */
  static FileMemory open(
      Path path, FileMemoryOptions options, FileMemoryTuning tuning, int chunkShift, FileIo io) {
    return FileMemoryOpening.open(path, options, tuning, chunkShift, io);
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
   * Returns the journal file beside the image.
   *
   * @return the image's path with {@link #JOURNAL_SUFFIX} appended
   */
  public Path journalPath() {
    return path.resolveSibling(path.getFileName() + JOURNAL_SUFFIX);
  }

  /**
   * Tells whether the memory was opened read-only ({@link FileMemoryOptions#readOnly(boolean)}).
   *
   * @return true if every write and grow throws {@link ReadOnlyMemoryException}
   */
  public boolean isReadOnly() {
    return readOnly;
  }

  // The message is built only when refusing: this check is on every write's path.
  private void checkWritable(long offset, long length) {
    if (readOnly) {
      throw ReadOnlyFile.refused(path, "write " + length + " bytes at " + offset);
    }
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
   * Returns what this memory's committed transactions survive.
   *
   * @return the durability chosen when it was opened
   */
  public Durability durability() {
    return durability;
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
   * maximum or when the OS refuses to extend or map the file. Inside a power-loss transaction the
   * file is extended at commit (the new pages live in the overlay until then); outside one, the new
   * length is synced at once.
   *
   * @throws IllegalStateException if the memory is closed
   * @throws MemoryIoException if a refused grow could not be undone (the file was extended but
   *     cannot be shrunk back); the memory keeps its old size
   */
  @Override
  public long grow(long delta) {
    ensureOpen();
    if (readOnly) {
      throw ReadOnlyFile.refused(path, "grow it by " + delta + " pages");
    }
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
    if (MappedChunks.chunkCount(newSize, chunkShift) > maxChunks) {
      return -1;
    }
    journal.beforeGrow(oldSize);
    if (overlay == null) {
      if (!extendFile(newSize)) {
        return -1;
      }
      if (durability == Durability.POWER_LOSS && !journal.inTransaction()) {
        syncLength();
      }
    }
    pages = previous + delta;
    sizeInBytes = newSize;
    return previous;
  }

  /**
   * Extends and maps the file to {@code newSize} bytes; false, nothing changed, if refused. How, in
   * few system calls and page faults, is FileGrowth's.
   */
  boolean extendFile(long newSize) {
    return FileGrowth.extend(this, newSize);
  }

  /** Makes the file's length durable (a power-loss memory's grow outside a transaction). */
  void syncLength() {
    try {
      file.sync(true);
      grown = false;
    } catch (IOException e) {
      throw new MemoryIoException("cannot sync memory file " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void read(long offset, byte[] dst, int dstOffset, int length) {
    checkRange(offset, length);
    Objects.checkFromIndexSize(dstOffset, length, dst.length);
    if (overlay != null) {
      overlay.read(offset, dst, dstOffset, length);
      return;
    }
    copy(Transfer.READ, offset, dst, dstOffset, length);
  }

  @Override
  public void write(long offset, byte[] src, int srcOffset, int length) {
    checkRange(offset, length);
    // Checked up front: a bad array range must not leave a partial write in the first chunk.
    Objects.checkFromIndexSize(srcOffset, length, src.length);
    checkWritable(offset, length);
    journal.beforeWrite(offset, length);
    if (overlay != null) {
      overlay.write(offset, src, srcOffset, length);
      return;
    }
    copy(Transfer.WRITE, offset, src, srcOffset, length);
  }

  /** A checked bulk access of the mapped file, one piece per chunk it touches. */
  void copy(Transfer transfer, long offset, byte[] bytes, int at, int length) {
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

  // The width is a constant at each typed accessor's call site (Memory's defaults), so once
  // inlined each switch folds to its single load or store.

  /** Reads from the overlay if one is open, else with one load from the chunk. */
  @Override
  public long readLittleEndian(long offset, int width) {
    int at = position(offset, Memories.checkWidth(width));
    PageOverlay o = overlay;
    if (o != null) {
      return o.readLE(offset, width);
    }
    if (at < 0) {
      byte[] bytes = new byte[Long.BYTES]; // the bytes past width stay zero
      copy(Transfer.READ, offset, bytes, 0, width);
      return ByteArrays.getLongLE(bytes, 0);
    }
    ByteBuffer chunk = chunk(offset);
    return switch (width) {
      case Byte.BYTES -> chunk.get(at) & 0xFF;
      case Short.BYTES -> (short) SHORT_LE.get(chunk, at) & 0xFFFF;
      case Integer.BYTES -> (int) INT_LE.get(chunk, at) & 0xFFFF_FFFFL;
      case Long.BYTES -> (long) LONG_LE.get(chunk, at);
      default -> throw Memories.badWidth(width);
    };
  }

  /**
   * Journals the write, then makes it: into the overlay if one is open, across two chunks if it
   * straddles them, else with one store in its chunk.
   */
  @Override
  public void writeLittleEndian(long offset, int width, long value) {
    int at = position(offset, Memories.checkWidth(width));
    checkWritable(offset, width);
    journal.beforeWrite(offset, width);
    PageOverlay o = overlay;
    if (o != null) {
      o.writeLE(offset, width, value);
      return;
    }
    if (at < 0) {
      byte[] bytes = new byte[Long.BYTES];
      ByteArrays.putLongLE(bytes, 0, value);
      copy(Transfer.WRITE, offset, bytes, 0, width); // journaled already: no second record
      return;
    }
    ByteBuffer chunk = written(offset);
    switch (width) {
      case Byte.BYTES -> chunk.put(at, (byte) value);
      case Short.BYTES -> SHORT_LE.set(chunk, at, (short) value);
      case Integer.BYTES -> INT_LE.set(chunk, at, (int) value);
      case Long.BYTES -> LONG_LE.set(chunk, at, value);
      default -> throw Memories.badWidth(width);
    }
  }

  /**
   * Returns this memory's undo journal, kept in {@link #journalPath()}.
   *
   * @return the journal, the same object for the memory's whole life
   */
  @Override
  public Journal journal() {
    return journal;
  }

  /**
   * Writes every changed page and the file's length to the storage device. Only chunks written
   * since the last flush are forced; with nothing written or grown, this does nothing. Inside a
   * power-loss transaction, the overlay's pages are not written (the commit does that).
   *
   * @throws IllegalStateException if the memory is closed
   * @throws MemoryIoException if the OS reports a failure; the changes stay pending
   */
  public void flush() {
    ensureOpen();
    try {
      syncImage();
    } catch (IOException | UncheckedIOException e) {
      throw new MemoryIoException("cannot flush memory file " + path + ": " + e.getMessage(), e);
    }
  }

  /** Forces the changed chunks (msync) and, if anything changed, the file (fsync). */
  void syncImage() throws IOException {
    boolean changed = grown;
    for (int i = 0; i < chunks.length; i++) {
      if (dirty[i]) {
        file.force(chunks[i]);
        dirty[i] = false;
        changed = true;
      }
    }
    if (changed) {
      // Also persists the length; and the channel's own guarantee covers what msync may not.
      file.sync(true);
      grown = false;
    }
  }

  /**
   * Rolls back a transaction still open on this thread, flushes, releases the lock and closes both
   * files. Later accesses throw {@link IllegalStateException}; closing again does nothing. The
   * mappings themselves are released by the garbage collector. A transaction open on another thread
   * is not touched: the journal keeps it, and the next open rolls it back.
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
      journal.abandon();
      flush();
    } catch (MemoryIoException e) {
      failure = e;
    }
    closed = true;
    sizeInBytes = -1;
    pages = 0;
    overlay = null;
    chunks = new ByteBuffer[0];
    dirty = new boolean[0];
    try {
      if (journalFile != null) {
        journalFile.close();
      }
    } catch (IOException e) {
      failure =
          Failures.add(
              failure,
              new MemoryIoException("cannot close journal of " + path + ": " + e.getMessage(), e));
    }
    try {
      locked.close();
    } catch (MemoryIoException e) {
      failure = Failures.add(failure, e);
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
