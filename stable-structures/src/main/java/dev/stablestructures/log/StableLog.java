package dev.stablestructures.log;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.BoundExceededException;
import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.DecodeException;
import dev.stablestructures.GrowFailedException;
import dev.stablestructures.StructureMagic;
import dev.stablestructures.UnsupportedVersionException;
import dev.stablestructures.codec.Bound;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.memory.RollbackListener;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * An append-only list of variable-size entries in stable memory, byte-compatible with the crate's
 * {@code Log<T, INDEX, DATA>} (alias {@code StableLog}). It lives in two memories, each growing on
 * its own: an <b>index</b> memory of end offsets and a <b>data</b> memory of entry bytes. Entries
 * may have any codec, bounded or not.
 *
 * <p>Index memory (magic {@code "GLI"}, version 1, integers little-endian):
 *
 * <pre>
 * offset      size  field
 * ----------  ----  -----------------------------------------------------------
 *  0             3  magic "GLI" (47 4C 49)
 *  3             1  layout version = 1
 *  4            28  reserved (zero in a new memory; never written)
 * 32             8  number of entries L (u64 LE)
 * 40 + 8 * i     8  end offset E[i] of entry i in the data area (u64 LE), i in [0, L):
 *                   E[i] = len(entry 0) + ... + len(entry i), non-decreasing
 * 40 + 8 * L   ...  slots of earlier, longer logs (after clear); never read
 * </pre>
 *
 * <p>Data memory (magic {@code "GLD"}, version 1):
 *
 * <pre>
 * offset           size              field
 * ---------------  ----------------  -------------------------------------------
 *  0                  3              magic "GLD" (47 4C 44)
 *  3                  1              layout version = 1
 *  4                 28              reserved (zero in a new memory; never written)
 * 32 + E[i-1]       E[i] - E[i-1]    entry i's encoded bytes (E[-1] = 0)
 * 32 + E[L-1]       ...              bytes of earlier logs (after clear); never read
 * </pre>
 *
 * <p>For example, after appending {@code "ab"} and {@code "cde"} (as {@code Vec<u8>} or {@code
 * String}), index offset 32 holds {@code 2}, offsets 40 and 48 hold {@code 2} and {@code 5}, and
 * data offset 32 holds {@code "abcde"}.
 *
 * <p><b>Appends</b> grow both memories first (data, then index, each by the fewest whole pages that
 * hold the bytes to write, as the crate's {@code safe_write}), then write the entry's bytes, then
 * its index slot, then the count. So a value over its codec's bound, or a memory that refuses to
 * grow, leaves the stored content as it was; pages grown before the refusal remain (memories never
 * shrink) and hold zeros. {@link #clear()} only rewrites the count.
 *
 * <p><b>Damage.</b> Opening checks the magics, the versions and, in O(1), that the count fits the
 * index memory and that the last end offset fits the data memory (the crate checks only the
 * offsets' order, and only in debug builds, with a scan of the whole index). It does not scan the
 * index, whose cost grows with the log: for 10M entries, 80 MB of end offsets, the scan took 8 to
 * 28 ms on a heap memory and 25 to 80 ms on a FileMemory already in the page cache (2-core x86-64,
 * JDK 17), against under 0.3 ms for the O(1) open, and a cold file must first be read from disk.
 * Instead each read checks the two offsets it uses ({@code E[i-1] <= E[i] <= E[L-1]}), so a damaged
 * entry is a {@link CorruptedStructureException} naming it, never a read outside the log's bytes or
 * a huge allocation; {@link #validate()} runs the full scan on demand.
 *
 * <p><b>Transactions.</b> Each append, clear and creation is one step of the memories' journal (see
 * {@code LogSteps} for two memories on two journals, and a memory without one): all or nothing, and
 * inside a user's transaction a savepoint that a failure rolls back alone. After any rollback that
 * undid writes, the log reloads its count and last end offset from the image (a registered {@link
 * RollbackListener}) and its iterators fail fast; if the image no longer holds the log (its
 * creation was rolled back), it turns empty and refuses appends.
 *
 * <p>The count and the last end offset are cached on the heap. Open one {@code StableLog} per pair
 * of memories; not thread-safe, like the memories under it.
 *
 * @param <T> the entry type
 */
public final class StableLog<T> implements Iterable<T> {
  /** The magic of the index memory: Growable Log Index. */
  public static final StructureMagic INDEX_MAGIC = StructureMagic.LOG_INDEX;

  /** The magic of the data memory: Growable Log Data. */
  public static final StructureMagic DATA_MAGIC = StructureMagic.LOG_DATA;

  /** The only layout version this class reads and writes, in both memories. */
  public static final int LAYOUT_VERSION = 1;

  /**
   * Size of each memory's header (magic, version, reserved): the address of the count in the index
   * memory and of entry 0's bytes in the data memory.
   */
  public static final long HEADER_SIZE = 32;

  /** Address of the first end offset {@code E[0]} in the index memory. */
  public static final long INDEX_ENTRIES_OFFSET = HEADER_SIZE + 8;

  /** The longest entry {@link #get} can decode: the largest Java array. */
  static final long MAX_DECODED = Integer.MAX_VALUE - 8;

  private final Memory index;
  private final Memory data;

  /** Where writes go: the memories themselves, or journaled wrappers of ones without a journal. */
  private final Memory indexWrites;

  private final Memory dataWrites;
  private final LogSteps steps;

  /** Registered with the journal(s), which hold it weakly: this field keeps it alive. */
  private final RollbackListener reloader = this::reloadAfterRollback;

  private final Codec<T> codec;
  private final LogListView<T> view;
  private long count;
  private long lastEnd;
  private int modCount;

  /** Why the log refuses writes (its image was rolled away), or null. */
  private String unusable;

  private StableLog(Memory index, Memory data, Codec<T> codec, long count, long lastEnd) {
    this.index = index;
    this.data = data;
    this.indexWrites = LogSteps.journaled(index);
    this.dataWrites = LogSteps.journaled(data);
    this.steps = new LogSteps(indexWrites, dataWrites);
    this.codec = codec;
    this.count = count;
    this.lastEnd = lastEnd;
    this.view = new LogListView<>(this);
    steps.addRollbackListener(reloader);
  }

  /**
   * Opens the log in the two memories, or creates an empty one if they hold none.
   *
   * <p>The crate decides "new" from the data memory alone and then overwrites the index, whatever
   * it holds. Here a new log is created only when the data memory is empty (0 pages) <i>and</i> the
   * index memory holds no entries: it is empty, its 40 header bytes are all zero, or it is a
   * version-1 {@code GLI} index with a count of 0. The last two are what a creation interrupted by
   * a refused grow of the data memory leaves (the index is set up first, here and in the crate), so
   * {@code init} can simply be retried. Any other pair is opened as by {@link #load}.
   *
   * @param index the index memory the log owns
   * @param data the data memory the log owns
   * @param codec the entry codec, bounded or not
   * @param <T> the entry type
   * @return the log
   * @throws IllegalArgumentException if {@code index} and {@code data} are the same memory
   * @throws BadMagicException if either memory holds something else, or the data memory is empty
   *     while the index memory holds something; both are untouched
   * @throws CorruptedStructureException if the data memory is empty but the index holds entries, or
   *     the stored count or last end offset does not fit its memory
   * @throws UnsupportedVersionException if either layout version is not 1
   * @throws GrowFailedException if a new log's headers do not fit and a memory cannot grow
   */
  public static <T> StableLog<T> init(Memory index, Memory data, Codec<T> codec) {
    LogHeaders.checkArguments(index, data, codec);
    if (data.size() != 0) {
      return load(index, data, codec);
    }
    if (index.size() == 0 || LogHeaders.isZero(index, INDEX_ENTRIES_OFFSET)) {
      return create(index, data, codec);
    }
    byte[] first = index.readBytes(0, StructureMagic.HEADER_SIZE);
    if (!INDEX_MAGIC.matches(first)) {
      throw new BadMagicException(
          "cannot create a StableLog: its data memory is empty, but its index memory holds "
              + StructureMagic.describe(first)
              + "; refusing to overwrite it");
    }
    LogHeaders.checkHeader(index, INDEX_MAGIC, "index");
    long entries = index.readLongLE(HEADER_SIZE);
    if (entries != 0) {
      throw new CorruptedStructureException(
          "the StableLog index memory holds an entry count of "
              + Long.toUnsignedString(entries)
              + ", but the data memory is empty (0 pages): the entries' bytes are missing");
    }
    return create(index, data, codec);
  }

  /**
   * Creates an empty log, overwriting the header fields of whatever the memories held, as the
   * crate's {@code new}: the magics, the versions and the count. The reserved bytes and any older
   * entries are left as they were.
   *
   * @param index the index memory the log owns
   * @param data the data memory the log owns
   * @param codec the entry codec, bounded or not
   * @param <T> the entry type
   * @return the log
   * @throws IllegalArgumentException if {@code index} and {@code data} are the same memory
   * @throws GrowFailedException if a memory cannot grow to one page; nothing is written (the index
   *     memory may keep a page it grew before the data memory refused)
   */
  public static <T> StableLog<T> create(Memory index, Memory data, Codec<T> codec) {
    LogHeaders.checkArguments(index, data, codec);
    StableLog<T> log = new StableLog<>(index, data, codec, 0, 0);
    long step = log.steps.begin();
    try {
      Memories.ensureCapacity(log.indexWrites, INDEX_ENTRIES_OFFSET);
      Memories.ensureCapacity(log.dataWrites, HEADER_SIZE);
      log.indexWrites.write(0, INDEX_MAGIC.header(LAYOUT_VERSION));
      log.indexWrites.writeLongLE(HEADER_SIZE, 0);
      log.dataWrites.write(0, DATA_MAGIC.header(LAYOUT_VERSION));
      log.steps.commit(step);
    } finally {
      log.steps.end(step);
    }
    return log;
  }

  /**
   * Opens an existing log; never writes. The checks take O(1) time (see the class comment).
   *
   * @param index the index memory holding the log
   * @param data the data memory holding the log
   * @param codec the entry codec, bounded or not
   * @param <T> the entry type
   * @return the log
   * @throws IllegalArgumentException if {@code index} and {@code data} are the same memory
   * @throws BadMagicException if either memory is empty or holds something else
   * @throws UnsupportedVersionException if either layout version is not 1
   * @throws CorruptedStructureException if the entry count reaches past the index memory, or the
   *     last end offset past the data memory
   */
  public static <T> StableLog<T> load(Memory index, Memory data, Codec<T> codec) {
    LogHeaders.checkArguments(index, data, codec);
    long[] stored = LogHeaders.stored(index, data);
    return new StableLog<>(index, data, codec, stored[0], stored[1]);
  }

  static long endOffsetAddress(long entry) {
    return INDEX_ENTRIES_OFFSET + (entry << 3);
  }

  /**
   * Appends an entry: grows both memories as needed, then writes the entry's bytes, its end offset
   * and the new count.
   *
   * @param value the entry, not null
   * @return the new entry's index, {@code longSize() - 1} after the call
   * @throws NullPointerException if {@code value} is null
   * @throws BoundExceededException if the value breaks a bounded codec's bound; nothing is written
   * @throws GrowFailedException if a memory cannot grow; no stored byte changes, though pages grown
   *     before the refusal (in the data memory) remain, zero-filled
   */
  public long append(T value) {
    checkUsable();
    byte[] bytes = codec.encodeChecked(value);
    long step = steps.begin(); // before reading where the entry goes: no other writer from here
    try {
      long entry = count;
      long start = lastEnd;
      long end = start + bytes.length;
      long dataEnd = HEADER_SIZE + end;
      long slot = endOffsetAddress(entry);
      if (dataEnd < 0) {
        throw new GrowFailedException(
            "a StableLog entry of "
                + bytes.length
                + " bytes at data offset "
                + start
                + " overflows");
      }
      Memories.ensureCapacity(dataWrites, dataEnd);
      Memories.ensureCapacity(indexWrites, slot + 8);
      dataWrites.write(HEADER_SIZE + start, bytes);
      indexWrites.writeLongLE(slot, end);
      indexWrites.writeLongLE(HEADER_SIZE, entry + 1);
      count = entry + 1; // in the step: a failed commit rolls back, and the listener reloads
      lastEnd = end;
      steps.commit(step);
      changed();
      return entry;
    } finally {
      steps.end(step);
    }
  }

  /**
   * Removes every entry, as the crate's {@code clear}: only the count is rewritten (to 0); the next
   * append writes at data offset 0 again. Open iterators fail with {@link
   * java.util.ConcurrentModificationException}.
   */
  public void clear() {
    checkUsable();
    long step = steps.begin();
    try {
      indexWrites.writeLongLE(HEADER_SIZE, 0);
      count = 0;
      lastEnd = 0;
      steps.commit(step);
      changed();
    } finally {
      steps.end(step);
    }
  }

  private void changed() {
    modCount++;
    view.changed();
  }

  private void checkUsable() {
    if (unusable != null) {
      throw new IllegalStateException(unusable);
    }
  }

  /** The rollback listener: count and last end offset from the restored image. */
  private void reloadAfterRollback() {
    try {
      long[] stored = LogHeaders.stored(index, data);
      count = stored[0];
      lastEnd = stored[1];
    } catch (RuntimeException gone) {
      count = 0;
      lastEnd = 0;
      unusable =
          "this StableLog is gone from its memories: a rollback restored an image without it (its"
              + " creation was rolled back?): "
              + gone.getMessage();
    }
    changed();
  }

  /**
   * Returns the number of entries, as the crate's {@code len}.
   *
   * @return the count
   */
  public long len() {
    return count;
  }

  /**
   * Returns the number of entries; same as {@link #len()}.
   *
   * @return the count
   */
  public long longSize() {
    return count;
  }

  /**
   * Tells whether the log has no entries.
   *
   * @return true if {@code longSize() == 0}
   */
  public boolean isEmpty() {
    return count == 0;
  }

  /**
   * Reads and decodes an entry.
   *
   * @param index the entry's index, in {@code [0, longSize())}
   * @return the entry
   * @throws IndexOutOfBoundsException if the index is outside the log (the crate returns None)
   * @throws CorruptedStructureException if the entry's end offsets are damaged
   * @throws DecodeException if the bytes do not decode, or the entry is longer than a bounded
   *     codec's bound or than a Java array
   */
  public T get(long index) {
    checkIndex(index);
    return decode(index, startOffset(index), endOffset(index));
  }

  /**
   * Returns the first entry.
   *
   * @return entry 0, or null if the log is empty
   * @throws CorruptedStructureException if the entry's end offset is damaged
   */
  public T first() {
    return count == 0 ? null : get(0);
  }

  /**
   * Returns the last entry.
   *
   * @return entry {@code longSize() - 1}, or null if the log is empty
   * @throws CorruptedStructureException if the entry's end offsets are damaged
   */
  public T last() {
    return count == 0 ? null : get(count - 1);
  }

  /**
   * Returns the length of an entry's encoding, to size a buffer for {@link #readEntry}.
   *
   * @param index the entry's index, in {@code [0, longSize())}
   * @return its length in bytes
   * @throws IndexOutOfBoundsException if the index is outside the log
   * @throws CorruptedStructureException if the entry's end offsets are damaged
   */
  public long entryLength(long index) {
    checkIndex(index);
    long start = startOffset(index);
    long end = endOffset(index);
    checkSpan(index, start, end);
    return end - start;
  }

  /**
   * Copies an entry's encoded bytes into a caller's array, without allocating: the crate's {@code
   * read_entry}, which resizes a {@code Vec} instead. Size the array with {@link #entryLength}.
   *
   * @param index the entry's index, in {@code [0, longSize())}
   * @param dst the array to copy into
   * @param dstOffset where the entry's first byte goes in {@code dst}
   * @return the entry's length, the number of bytes copied to {@code dst[dstOffset...]}
   * @throws IndexOutOfBoundsException if the index is outside the log, or the entry does not fit
   *     {@code dst} from {@code dstOffset}; nothing is copied then
   * @throws CorruptedStructureException if the entry's end offsets are damaged
   */
  public int readEntry(long index, byte[] dst, int dstOffset) {
    Objects.requireNonNull(dst, "dst");
    checkIndex(index);
    long start = startOffset(index);
    long end = endOffset(index);
    checkSpan(index, start, end);
    long length = end - start;
    if (dstOffset < 0 || dstOffset > dst.length || length > dst.length - dstOffset) {
      throw new IndexOutOfBoundsException(
          "entry "
              + index
              + " of "
              + length
              + " bytes does not fit an array of "
              + dst.length
              + " bytes from offset "
              + dstOffset);
    }
    data.read(HEADER_SIZE + start, dst, dstOffset, (int) length);
    return (int) length;
  }

  /**
   * Returns the index memory bytes in use, as the crate's {@code index_size_bytes}: the header, the
   * count and one end offset per entry.
   *
   * @return {@code 40 + 8 * longSize()}
   */
  public long indexSizeBytes() {
    return endOffsetAddress(count);
  }

  /**
   * Returns the data memory bytes in use, as the crate's {@code data_size_bytes}: the header and
   * every entry's bytes.
   *
   * @return {@code 32 + logSizeBytes()}
   */
  public long dataSizeBytes() {
    return HEADER_SIZE + lastEnd;
  }

  /**
   * Returns the total length of all entries, as the crate's {@code log_size_bytes}.
   *
   * @return the last entry's end offset, or 0 if the log is empty
   */
  public long logSizeBytes() {
    return lastEnd;
  }

  /**
   * Scans the whole index, one read per entry, and checks that every end offset is at least the one
   * before it and at most the last. Reads check the offsets they use anyway; this finds damage in
   * entries not read yet (for instance after opening an image from elsewhere). The crate runs this
   * scan at every open, in debug builds only; it costs tens of milliseconds per 10M entries (see
   * the class comment). Never writes.
   *
   * @throws CorruptedStructureException naming the first damaged end offset
   */
  public void validate() {
    long previous = 0;
    for (long i = 0; i < count; i++) {
      long end = endOffset(i);
      checkSpan(i, previous, end);
      previous = end;
    }
  }

  /**
   * Walks both memories and reports any damage, as {@link #validate()} does and more; never writes,
   * and may run while other threads only read. Checks both headers, the entry count against the
   * index memory and the heap copy, every end offset at least the one before it and inside the data
   * memory, and every entry within the codec's bound and decodable. Findings name the memory
   * ({@code "StableLog index"} or {@code "StableLog data"}) and the offset in it.
   *
   * @return the report; {@link dev.stablestructures.VerifyReport#assertOk()} throws if it has
   *     findings
   */
  public dev.stablestructures.VerifyReport verify() {
    return LogVerifier.verify(index, data, codec, count, lastEnd);
  }

  /**
   * Returns an iterator from the first entry to the last. It reads one end offset per entry, and
   * fails fast with {@link java.util.ConcurrentModificationException} from {@code hasNext} or
   * {@code next} if the log changes (an append or a clear) under it; {@code remove} is not
   * supported.
   *
   * @return the iterator
   */
  @Override
  public Iterator<T> iterator() {
    return new LogIterators.Forward<>(this, 0);
  }

  /**
   * Returns an iterator from entry {@code fromIndex} to the last, like {@link #iterator()}.
   *
   * @param fromIndex the first entry it returns, in {@code [0, longSize()]}
   * @return the iterator
   * @throws IndexOutOfBoundsException if {@code fromIndex} is outside that range
   */
  public Iterator<T> iterator(long fromIndex) {
    if (fromIndex < 0 || fromIndex > count) {
      throw new IndexOutOfBoundsException(
          "iterator start " + fromIndex + " is outside the StableLog of " + count + " entries");
    }
    return new LogIterators.Forward<>(this, fromIndex);
  }

  /**
   * Returns an iterator from the last entry to the first. It fails fast like {@link #iterator()}.
   *
   * @return the iterator
   */
  public Iterator<T> descendingIterator() {
    return new LogIterators.Backward<>(this);
  }

  /**
   * Returns a read-only {@link List} view of the log, which is also {@link java.util.RandomAccess}.
   * It reflects later appends; its mutators throw {@link UnsupportedOperationException}; its
   * iterators fail fast when the log changes. Its {@code size()} saturates at {@code
   * Integer.MAX_VALUE}, and only the first {@code Integer.MAX_VALUE} entries are reachable through
   * it: use {@link #longSize()} and {@link #get(long)} beyond.
   *
   * @return the view (the same object on every call)
   */
  public List<T> asList() {
    return view;
  }

  /**
   * Returns the index memory.
   *
   * @return the memory of end offsets
   */
  public Memory indexMemory() {
    return index;
  }

  /**
   * Returns the data memory.
   *
   * @return the memory of entry bytes
   */
  public Memory dataMemory() {
    return data;
  }

  /**
   * Returns the entry codec.
   *
   * @return the codec
   */
  public Codec<T> codec() {
    return codec;
  }

  @Override
  public String toString() {
    return "StableLog[" + count + " entries, " + lastEnd + " bytes, " + codec + "]";
  }

  private void checkIndex(long entry) {
    if (entry < 0 || entry >= count) {
      throw new IndexOutOfBoundsException(
          "index " + entry + " is outside the StableLog of " + count + " entries");
    }
  }

  long endOffset(long entry) {
    return index.readLongLE(endOffsetAddress(entry));
  }

  long startOffset(long entry) {
    return entry == 0 ? 0 : endOffset(entry - 1);
  }

  // Every read goes through here: with start <= end <= lastEnd, and lastEnd checked against the
  // data memory at load (memories never shrink), the span lies inside the log's bytes.
  private void checkSpan(long entry, long start, long end) {
    if (Long.compareUnsigned(end, start) < 0) {
      throw LogHeaders.badEndOffset(
          entry,
          endOffsetAddress(entry),
          end,
          "below the entry's start "
              + Long.toUnsignedString(start)
              + ": end offsets never decrease");
    }
    if (Long.compareUnsigned(end, lastEnd) > 0) {
      throw LogHeaders.badEndOffset(
          entry, endOffsetAddress(entry), end, "past the last entry's end offset " + lastEnd);
    }
  }

  T decode(long entry, long start, long end) {
    checkSpan(entry, start, end);
    long length = end - start;
    Bound bound = codec.bound();
    if (bound.isBounded() && length > bound.maxSize()) {
      throw new DecodeException(
          "StableLog entry "
              + entry
              + " has "
              + length
              + " bytes, more than codec "
              + codec
              + " allows ("
              + bound.maxSize()
              + ")");
    }
    if (length > MAX_DECODED) {
      throw new DecodeException(
          "StableLog entry "
              + entry
              + " has "
              + length
              + " bytes, more than a Java array holds; read it in parts of the data memory");
    }
    return codec.read(data, HEADER_SIZE + start, (int) length);
  }

  /** Changes of this log so far, for the fail-fast check of its iterators. */
  int modCount() {
    return modCount;
  }

  /** The end offset of the last entry, where the backward iterator starts. */
  long lastEnd() {
    return lastEnd;
  }
}
