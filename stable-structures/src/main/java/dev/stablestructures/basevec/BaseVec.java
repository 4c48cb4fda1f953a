package dev.stablestructures.basevec;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.BoundExceededException;
import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.GrowFailedException;
import dev.stablestructures.IncompatibleLayoutException;
import dev.stablestructures.StructureMagic;
import dev.stablestructures.UnsupportedVersionException;
import dev.stablestructures.codec.Bound;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.memory.JournaledMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.memory.RollbackListener;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The array of fixed-size slots under {@code StableVec} and {@code StableMinHeap} (the crate's
 * {@code BaseVec}): the two differ only in their magic. This class owns the layout, and reads and
 * writes the slots of fixed 4- and 8-byte numbers as primitives ({@link #getNumber} and its
 * siblings) for the structures' unboxed paths.
 *
 * <p>Layout (version 1, header integers little-endian):
 *
 * <pre>
 * offset         size  field
 * -------------  ----  ------------------------------------------------------
 *  0                3  magic "SVC" (StableVec, 53 56 43) or "SMH" (MinHeap, 53 4D 48)
 *  3                1  layout version = 1
 *  4                8  length L (u64 LE)
 * 12                4  max element size M (u32 LE), from the codec's bound
 * 16                1  fixed-size flag (1 if every element has exactly M bytes)
 * 17               47  reserved (zero in a new memory; never written)
 * 64 + i * slot  slot  element i, for i in [0, L)
 *
 * slot = M + P, where the prefix P is 0 for fixed-size elements, else 1, 2 or 4 bytes
 * (M &lt;= 255, &lt;= 65535, larger). A slot holds:
 *   [0, P)      the element's byte length (LE)
 *   [P, P + n)  the element's n encoded bytes
 *   [P + n, slot)  whatever was there before: never zeroed, never read
 * </pre>
 *
 * <p>Memory grows lazily, only up to the last byte actually written (as the crate's {@code
 * safe_write}), which decides the image's size in pages. {@code push} writes the element and then
 * the length, and checks the bound and grows memory before writing anything, so a refused element
 * or a full memory leaves the vector unchanged. {@code pop} and {@code clear} only rewrite the
 * length. The length is also cached on the heap.
 *
 * <p><b>Transactions.</b> Every mutator, and the creation, runs in one step of the memory's {@link
 * dev.stablestructures.memory.Journal} (of a {@link JournaledMemory} over it if it has none): all
 * of it or nothing, whatever stops it. A structure that makes one operation of several mutators
 * brackets them with its {@link #bracket()}: the mutators inside then take no step of their own.
 * After any rollback that undid writes, the array reloads its length from the image (a registered
 * {@link RollbackListener}) and runs the owner's hook ({@link #onRollback}), which fails its
 * iterators; an image that no longer holds the array (its creation was rolled back) leaves it empty
 * and refusing writes.
 *
 * <p>Not thread-safe, like the memory under it.
 *
 * @param <T> the element type; its codec must be bounded
 */
public final class BaseVec<T> {
  /** The only layout version this class reads and writes. */
  public static final int LAYOUT_VERSION = 1;

  /** Address of element 0. */
  public static final long DATA_OFFSET = 64;

  /** Offset of the length, u64 LE. */
  public static final long LEN_OFFSET = 4;

  /** Offset of the max element size, u32 LE. */
  public static final long MAX_SIZE_OFFSET = 12;

  /** Offset of the fixed-size flag, one byte. */
  public static final long FIXED_OFFSET = 16;

  private final Memory memory;

  /** Where writes go: {@link #memory}, or a journaled wrapper of it if it has no journal. */
  private final Memory writes;

  private final OperationBracket bracket;

  /** Registered with the journal, which holds it weakly: this field keeps it alive. */
  private final RollbackListener reloader = this::reloadAfterRollback;

  private final Codec<T> codec;
  private final StructureMagic magic;
  private final String kind;
  private final int maxSize;
  private final boolean fixedSize;
  private final int prefix;
  private final long slot;

  /** 4 or 8 if every element is a number of that many bytes (a fixed-size slot), else 0. */
  private final int numberWidth;

  private long length;

  /** What the owner runs after a rollback reloaded the array, or null. */
  private Runnable rollbackHook;

  private BaseVec(
      Memory memory,
      Memory writes,
      Codec<T> codec,
      StructureMagic magic,
      String kind,
      long length) {
    this.memory = memory;
    this.writes = writes;
    this.bracket = new OperationBracket(writes.journal(), kind);
    this.codec = codec;
    this.magic = magic;
    this.kind = kind;
    Bound bound = codec.bound();
    this.maxSize = bound.maxSize();
    this.fixedSize = bound.isFixedSize();
    this.prefix = prefixSize(bound);
    this.slot = (long) maxSize + prefix;
    this.numberWidth =
        fixedSize && (maxSize == Integer.BYTES || maxSize == Long.BYTES) ? maxSize : 0;
    this.length = length;
  }

  /**
   * Returns the size of the length prefix in each slot for a bound.
   *
   * @param bound a bounded codec's bound
   * @return 0 if fixed-size, else 1, 2 or 4
   */
  public static int prefixSize(Bound bound) {
    if (bound.isFixedSize()) {
      return 0;
    }
    int max = bound.maxSize();
    return max <= 0xFF ? 1 : max <= 0xFFFF ? 2 : 4;
  }

  /**
   * Opens the array in {@code memory}, or creates an empty one if the memory is empty (0 pages).
   *
   * @param memory the memory the array owns
   * @param codec the element codec, which must be bounded
   * @param magic the structure's magic, {@link StructureMagic#VEC} or {@link
   *     StructureMagic#MIN_HEAP}
   * @param kind the structure's name for messages, such as {@code "StableVec"}
   * @param <T> the element type
   * @return the array
   * @throws IllegalArgumentException if the codec is unbounded
   * @throws BadMagicException if the memory holds something else; it is untouched
   * @throws UnsupportedVersionException if the layout version is not 1
   * @throws IncompatibleLayoutException if the stored bound differs from the codec's
   * @throws GrowFailedException if a new array's header does not fit and memory cannot grow
   */
  public static <T> BaseVec<T> init(
      Memory memory, Codec<T> codec, StructureMagic magic, String kind) {
    if (memory.size() == 0) {
      return create(memory, codec, magic, kind);
    }
    return load(memory, codec, magic, kind);
  }

  /**
   * Creates an empty array, overwriting the header fields of whatever the memory held (the reserved
   * bytes and old slots are left as they were, as in the crate).
   *
   * @param memory the memory the array owns
   * @param codec the element codec, which must be bounded
   * @param magic the structure's magic
   * @param kind the structure's name for messages
   * @param <T> the element type
   * @return the array
   * @throws IllegalArgumentException if the codec is unbounded
   * @throws GrowFailedException if memory cannot grow to one page; nothing is written
   */
  public static <T> BaseVec<T> create(
      Memory memory, Codec<T> codec, StructureMagic magic, String kind) {
    checkArguments(codec, magic, kind);
    BaseVec<T> vec = new BaseVec<>(memory, journaled(memory), codec, magic, kind, 0);
    Memory writes = vec.writes;
    long step = vec.bracket.begin();
    try {
      Memories.ensureCapacity(writes, DATA_OFFSET);
      writes.write(0, magic.header(LAYOUT_VERSION));
      writes.writeLongLE(LEN_OFFSET, 0);
      writes.writeIntLE(MAX_SIZE_OFFSET, vec.maxSize);
      writes.writeByte(FIXED_OFFSET, (byte) (vec.fixedSize ? 1 : 0));
      vec.bracket.commit(step);
    } finally {
      vec.bracket.end(step);
    }
    return vec.registered();
  }

  /** The memory itself if it has a journal, else a journaled wrapper of it. */
  private static Memory journaled(Memory memory) {
    return memory.journal() != null ? memory : new JournaledMemory(memory);
  }

  /** Registers the reload with the journal, once the array is in the image; returns this. */
  private BaseVec<T> registered() {
    bracket.journal().addRollbackListener(reloader);
    return this;
  }

  /**
   * Opens an existing array; never writes.
   *
   * @param memory the memory holding the array
   * @param codec the element codec, which must be bounded
   * @param magic the structure's magic
   * @param kind the structure's name for messages
   * @param <T> the element type
   * @return the array
   * @throws IllegalArgumentException if the codec is unbounded
   * @throws BadMagicException if the memory is empty or holds something else
   * @throws UnsupportedVersionException if the layout version is not 1
   * @throws IncompatibleLayoutException if the stored bound differs from the codec's
   * @throws CorruptedStructureException if the stored length reaches past the end of memory
   */
  public static <T> BaseVec<T> load(
      Memory memory, Codec<T> codec, StructureMagic magic, String kind) {
    return open(memory, journaled(memory), codec, magic, kind).registered();
  }

  /** The checks and reads of {@link #load}, for a reload too. */
  private static <T> BaseVec<T> open(
      Memory memory, Memory writes, Codec<T> codec, StructureMagic magic, String kind) {
    checkArguments(codec, magic, kind);
    if (memory.size() == 0) {
      throw new BadMagicException("cannot load a " + kind + ": the memory is empty (0 pages)");
    }
    magic.checkHeader(memory.readBytes(0, StructureMagic.HEADER_SIZE), LAYOUT_VERSION, kind);
    long storedMax = memory.readIntLE(MAX_SIZE_OFFSET) & 0xFFFF_FFFFL;
    boolean storedFixed = memory.readByte(FIXED_OFFSET) != 0;
    Bound bound = codec.bound();
    if (storedMax != bound.maxSize() || storedFixed != bound.isFixedSize()) {
      throw new IncompatibleLayoutException(
          "the "
              + kind
              + " was created for elements of max size "
              + storedMax
              + " bytes, fixed-size "
              + storedFixed
              + ", but codec "
              + codec
              + " has max size "
              + bound.maxSize()
              + " bytes, fixed-size "
              + bound.isFixedSize());
    }
    long length = memory.readLongLE(LEN_OFFSET);
    BaseVec<T> vec = new BaseVec<>(memory, writes, codec, magic, kind, length);
    // The prefix (or, for fixed-size elements, the whole slot) of the last element must be in
    // memory; a larger length is damage, and would make offsets overflow. Zero-size slots (a
    // fixed-size codec of 0 bytes) take no memory, so any length is valid for them.
    if (length != 0 && vec.slot != 0) {
      long lastNeeds = vec.fixedSize ? vec.slot : vec.prefix;
      long room = memory.sizeInBytes() - DATA_OFFSET - lastNeeds;
      if (length < 0 || room < 0 || (length - 1) > room / vec.slot) {
        throw new CorruptedStructureException(
            "the "
                + kind
                + " length "
                + Long.toUnsignedString(length)
                + " does not fit its memory of "
                + memory.sizeInBytes()
                + " bytes");
      }
    }
    return vec;
  }

  private static void checkArguments(Codec<?> codec, StructureMagic magic, String kind) {
    Objects.requireNonNull(magic, "magic");
    if (!codec.bound().isBounded()) {
      throw new IllegalArgumentException(
          "a "
              + kind
              + " needs a bounded element codec (its slots have a fixed size), but "
              + codec
              + " is unbounded");
    }
  }

  /**
   * Returns the number of elements.
   *
   * @return the length, unsigned in the format but never above {@code Long.MAX_VALUE} here
   */
  public long len() {
    return length;
  }

  /**
   * Returns the address of an element's slot.
   *
   * @param index the element's index
   * @return {@code 64 + index * slot}
   */
  public long slotOffset(long index) {
    return DATA_OFFSET + index * slot;
  }

  /**
   * Returns the size of one slot in bytes.
   *
   * @return max size plus prefix
   */
  public long slotSize() {
    return slot;
  }

  /**
   * Reads an element.
   *
   * @param index the index, in {@code [0, len())}
   * @return the decoded element
   * @throws IndexOutOfBoundsException if the index is outside the array
   * @throws CorruptedStructureException if the stored length breaks the bound
   */
  public T get(long index) {
    checkIndex(index);
    long offset = slotOffset(index);
    int size = readEntrySize(offset);
    return codec.read(memory, offset + prefix, size);
  }

  /**
   * Replaces an element (the crate asserts the index; we throw).
   *
   * @param index the index, in {@code [0, len())}
   * @param value the new element, not null
   * @throws IndexOutOfBoundsException if the index is outside the array
   * @throws BoundExceededException if the value breaks the bound; nothing is written
   * @throws GrowFailedException if memory must grow and cannot; nothing is written
   */
  public void set(long index, T value) {
    checkIndex(index);
    setEncoded(index, codec.encodeChecked(value));
  }

  /**
   * Replaces an element with bytes the codec already encoded, so that a caller which checks several
   * elements before writing any of them (the MinHeap's sifts) encodes each only once.
   *
   * @param index the index, in {@code [0, len())}
   * @param encoded the element's encoding; the array is not kept
   * @throws IndexOutOfBoundsException if the index is outside the array
   * @throws BoundExceededException if the length breaks the bound; nothing is written
   * @throws GrowFailedException if memory must grow and cannot; nothing is written
   */
  public void setEncoded(long index, byte[] encoded) {
    codec.bound().check(encoded.length);
    long step = bracket.begin();
    try {
      checkIndex(index);
      writeEntry(slotOffset(index), encoded);
      bracket.commit(step);
    } finally {
      bracket.end(step);
    }
  }

  /**
   * Appends an element: writes its bytes, then the new length.
   *
   * @param value the element, not null
   * @throws BoundExceededException if the value breaks the bound; nothing is written
   * @throws GrowFailedException if memory cannot grow; nothing is written
   */
  public void push(T value) {
    pushEncoded(codec.encodeChecked(value));
  }

  /**
   * Appends an element the codec already encoded: writes its bytes, then the new length.
   *
   * @param encoded the element's encoding; the array is not kept
   * @throws BoundExceededException if the length breaks the bound; nothing is written
   * @throws GrowFailedException if memory cannot grow; nothing is written
   */
  public void pushEncoded(byte[] encoded) {
    codec.bound().check(encoded.length);
    long step = bracket.begin();
    try {
      writeEntry(slotOffset(length), encoded);
      setLen(length + 1);
      bracket.commit(step);
    } finally {
      bracket.end(step);
    }
  }

  /**
   * Removes and returns the last element; only the length is rewritten.
   *
   * @return the last element, or null if the array is empty
   */
  public T pop() {
    long step = bracket.begin();
    try {
      T value = length == 0 ? null : get(length - 1);
      if (value != null) {
        setLen(length - 1);
      }
      bracket.commit(step);
      return value;
    } finally {
      bracket.end(step);
    }
  }

  /** Empties the array; only the length is rewritten, the slots stay as they were. */
  public void clear() {
    truncate(0);
  }

  /**
   * Shortens the array to {@code newLength} elements; only the length is rewritten.
   *
   * @param newLength the new length, in {@code [0, len()]}
   * @throws IndexOutOfBoundsException if {@code newLength} is outside that range
   */
  public void truncate(long newLength) {
    long step = bracket.begin();
    try {
      if (newLength < 0 || newLength > length) {
        throw new IndexOutOfBoundsException(
            "cannot truncate a " + kind + " of length " + length + " to " + newLength);
      }
      setLen(newLength);
      bracket.commit(step);
    } finally {
      bracket.end(step);
    }
  }

  /**
   * Reads an element of fixed 4- or 8-byte numbers as its stored big-endian bits, without boxing:
   * for {@code u64} the value, for {@code i64} the value with its sign bit flipped (for both,
   * elements order as the bits compared unsigned), for {@code u32} the 32 bits zero-extended. The
   * caller passes the width it expects as a constant, so that it costs nothing once inlined, and
   * checks that the codec's values are what it means by the bits.
   *
   * @param index the index, in {@code [0, len())}
   * @param width {@code Integer.BYTES} or {@code Long.BYTES}
   * @return the stored bits
   * @throws IllegalStateException if the elements are not fixed numbers of {@code width} bytes
   * @throws IndexOutOfBoundsException if the index is outside the array
   */
  public long getNumber(long index, int width) {
    checkNumbers(width);
    checkIndex(index);
    return readNumber(DATA_OFFSET + index * width, width);
  }

  /**
   * Replaces an element of fixed 4- or 8-byte numbers (see {@link #getNumber}).
   *
   * @param index the index, in {@code [0, len())}
   * @param width {@code Integer.BYTES} or {@code Long.BYTES}
   * @param bits the stored bits (of 4-byte numbers, the low 32)
   * @throws IllegalStateException if the elements are not fixed numbers of {@code width} bytes
   * @throws IndexOutOfBoundsException if the index is outside the array
   */
  public void setNumber(long index, int width, long bits) {
    checkNumbers(width);
    long step = bracket.begin();
    try {
      checkIndex(index);
      writeNumber(DATA_OFFSET + index * width, width, bits);
      bracket.commit(step);
    } finally {
      bracket.end(step);
    }
  }

  /**
   * Appends an element of fixed 4- or 8-byte numbers (see {@link #getNumber}): grows memory, writes
   * its bytes, then the new length.
   *
   * @param width {@code Integer.BYTES} or {@code Long.BYTES}
   * @param bits the stored bits
   * @throws IllegalStateException if the elements are not fixed numbers of {@code width} bytes
   * @throws GrowFailedException if memory cannot grow; nothing is written
   */
  public void pushNumber(int width, long bits) {
    checkNumbers(width);
    long step = bracket.begin();
    try {
      long offset = DATA_OFFSET + length * width;
      Memories.ensureCapacity(writes, offset + width);
      writeNumber(offset, width, bits);
      setLen(length + 1);
      bracket.commit(step);
    } finally {
      bracket.end(step);
    }
  }

  /**
   * Removes the last element of fixed 4- or 8-byte numbers (see {@link #getNumber}); only the
   * length is rewritten.
   *
   * @param width {@code Integer.BYTES} or {@code Long.BYTES}
   * @return its stored bits
   * @throws IllegalStateException if the elements are not fixed numbers of {@code width} bytes
   * @throws NoSuchElementException if the array is empty
   */
  public long popNumber(int width) {
    checkNumbers(width);
    long step = bracket.begin();
    try {
      if (length == 0) {
        throw new NoSuchElementException("the " + kind + " is empty");
      }
      long bits = readNumber(DATA_OFFSET + (length - 1) * width, width);
      setLen(length - 1);
      bracket.commit(step);
      return bits;
    } finally {
      bracket.end(step);
    }
  }

  private void checkNumbers(int width) {
    if (width != numberWidth) {
      throw new IllegalStateException(
          "the elements of this " + kind + " of " + codec + " are not " + width + "-byte numbers");
    }
  }

  private long readNumber(long offset, int width) {
    return width == Long.BYTES
        ? memory.readLongBE(offset)
        : memory.readIntBE(offset) & 0xFFFF_FFFFL;
  }

  private void writeNumber(long offset, int width, long bits) {
    if (width == Long.BYTES) {
      writes.writeLongBE(offset, bits);
    } else {
      writes.writeIntBE(offset, (int) bits);
    }
  }

  // ---------------------------------------------------------------- transactions

  /**
   * Returns the bracket of this array's operations: a structure that makes one operation of several
   * mutators opens it around them, so that they run in one journal step.
   *
   * @return the bracket, the same object for the array's life
   */
  public OperationBracket bracket() {
    return bracket;
  }

  /**
   * Sets what runs after every rollback that reloaded this array (a structure fails its iterators).
   *
   * @param hook the owner's reaction, run by the rolling-back thread; it must not write
   */
  public void onRollback(Runnable hook) {
    this.rollbackHook = hook;
  }

  /** The rollback listener: the length from the restored image, or unusable if it is gone. */
  private void reloadAfterRollback() {
    try {
      length = open(memory, writes, codec, magic, kind).length;
    } catch (RuntimeException gone) {
      length = 0;
      bracket.markGone(gone.getMessage());
    }
    if (rollbackHook != null) {
      rollbackHook.run();
    }
  }

  /**
   * Returns the memory the array lives in.
   *
   * @return the memory
   */
  public Memory memory() {
    return memory;
  }

  /**
   * Returns the element codec.
   *
   * @return the codec
   */
  public Codec<T> codec() {
    return codec;
  }

  /**
   * Returns the structure's magic.
   *
   * @return {@link StructureMagic#VEC} or {@link StructureMagic#MIN_HEAP}
   */
  public StructureMagic magic() {
    return magic;
  }

  /**
   * Returns the structure's name for messages.
   *
   * @return for example {@code "StableVec"}
   */
  public String kind() {
    return kind;
  }

  private void checkIndex(long index) {
    if (index < 0 || index >= length) {
      throw new IndexOutOfBoundsException(
          "index " + index + " is outside the " + kind + " of length " + length);
    }
  }

  /** Rewrites the stored length, the only header field that changes after creation. */
  private void setLen(long newLength) {
    writes.writeLongLE(LEN_OFFSET, newLength);
    length = newLength;
  }

  // Grows first, so that a full memory fails before any byte changes. Growth reaches only the last
  // byte written, not the end of the slot, as in the crate.
  private void writeEntry(long offset, byte[] bytes) {
    Memories.ensureCapacity(writes, offset + prefix + bytes.length);
    switch (prefix) {
      case 0 -> {}
      case 1 -> writes.writeByte(offset, (byte) bytes.length);
      case 2 -> writes.writeShortLE(offset, bytes.length);
      default -> writes.writeIntLE(offset, bytes.length);
    }
    writes.write(offset + prefix, bytes);
  }

  private int readEntrySize(long offset) {
    if (fixedSize) {
      return maxSize;
    }

    long size =
        switch (prefix) {
          case 1 -> memory.readByte(offset) & 0xFF;
          case 2 -> memory.readShortLE(offset);
          default -> memory.readIntLE(offset) & 0xFFFF_FFFFL;
        };
    if (size > maxSize) {
      throw new CorruptedStructureException(
          "an element of the "
              + kind
              + " at offset "
              + offset
              + " claims "
              + size
              + " bytes, more than the max size "
              + maxSize);
    }
    return (int) size;
  }
}
