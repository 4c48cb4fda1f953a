package dev.stablestructures.memory;

import dev.stablestructures.GrowFailedException;
import dev.stablestructures.MemoryOutOfBoundsException;

/**
 * A flat, growable address space of 64 KiB pages: the Java form of a canister's stable memory and
 * of the Rust crate's {@code Memory} trait.
 *
 * <p>Addresses are byte offsets from 0. The memory is {@link #size()} pages long and only grows.
 * Every access must lie inside {@code [0, size() * PAGE_SIZE)}; an access that does not throws
 * {@link MemoryOutOfBoundsException} and touches nothing. (The Rust crate skips that check in two
 * places; we never do.)
 *
 * <p>Multi-byte accessors come in two byte orders because the reference format uses both: headers,
 * lengths and addresses are little-endian ({@code LE}); encoded integers are big-endian ({@code
 * BE}) so that their bytes sort like the numbers.
 *
 * <h2>What an implementation writes</h2>
 *
 * <p>Four methods make a memory: {@link #size}, {@link #grow} and the bulk {@link #read(long,
 * byte[], int, int) read} and {@link #write(long, byte[], int, int) write}. Every other method has
 * a default built on those, correct for any implementation. Every typed primitive ({@link
 * #readIntLE}, {@link #writeLongBE}, ...) goes through one of two methods, {@link
 * #readLittleEndian} and {@link #writeLittleEndian}, whose defaults copy through a small array. An
 * implementation overrides those two, and only those, to be faster:
 *
 * <ul>
 *   <li>a memory that holds its own bytes ({@link HeapMemory}, {@link FileMemory}) answers them
 *       with single {@code VarHandle} accesses;
 *   <li>a memory over another memory extends {@link ForwardingMemory}, which answers them as
 *       "translate the address, then the base memory's own primitive".
 * </ul>
 *
 * <p>The width is a constant at every call site of the typed accessors, so once the JIT inlines
 * them a {@code switch} on it folds to one load or store.
 *
 * <h2>Transactions</h2>
 *
 * <p>A root memory ({@link HeapMemory}, {@link FileMemory}) owns an undo {@link Journal}; a memory
 * over another one answers its base's ({@link ForwardingMemory}), so all structures of one memory
 * share one journal, and any number of their writes can be made one all-or-nothing step. A memory
 * written by hand has none until wrapped in a {@link JournaledMemory}.
 *
 * <h2>Threads</h2>
 *
 * <p>Writes and grows are not thread-safe: one thread at a time, as in a canister. Reads of this
 * library's memories ({@link HeapMemory}, {@link FileMemory}, {@link RestrictedMemory}, {@link
 * JournaledMemory}, the manager's virtual memories) write nothing, so any number of threads may
 * read at once while no thread writes or grows. An implementation that caches anything on a read
 * must keep that safe. For reads beside writes, take the store's lock ({@code
 * dev.stablestructures.tx.StoreLock}): readers in parallel, one writer at a time. The journal
 * detects a write from another thread while a transaction is open, and refuses it.
 */
public interface Memory {
  /** Bytes in one page, as in WebAssembly and the Internet Computer: 64 KiB. */
  int PAGE_SIZE = 65_536;

  /** log2 of {@link #PAGE_SIZE}. */
  int PAGE_SHIFT = 16;

  /**
   * Returns the size of the memory in pages.
   *
   * @return the number of 64 KiB pages
   */
  long size();

  /**
   * Adds zero-filled pages at the end.
   *
   * @param pages how many pages to add; 0 is allowed and changes nothing
   * @return the size in pages before the call, or -1 if the memory cannot grow that much, in which
   *     case nothing changed
   * @throws IllegalArgumentException if {@code pages} is negative
   */
  long grow(long pages);

  /**
   * Copies bytes out of the memory.
   *
   * @param offset the first address to read
   * @param dst where to put the bytes
   * @param dstOffset the first index of {@code dst} to fill
   * @param length how many bytes to copy
   * @throws MemoryOutOfBoundsException if the range is not inside the memory
   */
  void read(long offset, byte[] dst, int dstOffset, int length);

  /**
   * Copies bytes into the memory. The memory does not grow: see {@link Memories#write}.
   *
   * @param offset the first address to write
   * @param src the bytes to copy
   * @param srcOffset the first index of {@code src} to copy
   * @param length how many bytes to copy
   * @throws MemoryOutOfBoundsException if the range is not inside the memory
   */
  void write(long offset, byte[] src, int srcOffset, int length);

  /**
   * Reads a copy of a byte range.
   *
   * @param offset the first address to read
   * @param length how many bytes
   * @return a new array holding the bytes
   * @throws MemoryOutOfBoundsException if the range is not inside the memory
   */
  default byte[] readBytes(long offset, int length) {
    // Checked first so a bad length fails typed, before allocating anything.
    Memories.checkBounds(this, offset, length);
    byte[] bytes = new byte[length];
    read(offset, bytes, 0, length);
    return bytes;
  }

  /**
   * Copies a whole array out of the memory.
   *
   * @param offset the first address to read
   * @param dst the array to fill completely
   * @throws MemoryOutOfBoundsException if the range is not inside the memory
   */
  default void read(long offset, byte[] dst) {
    read(offset, dst, 0, dst.length);
  }

  /**
   * Copies a whole array into the memory, without growing it.
   *
   * @param offset the first address to write
   * @param src the bytes
   * @throws MemoryOutOfBoundsException if the range is not inside the memory
   */
  default void write(long offset, byte[] src) {
    write(offset, src, 0, src.length);
  }

  /**
   * Reads one byte.
   *
   * @param offset the address
   * @return the byte
   * @throws MemoryOutOfBoundsException if the address is outside the memory
   */
  default byte readByte(long offset) {
    return (byte) readLittleEndian(offset, Byte.BYTES);
  }

  /**
   * Writes one byte.
   *
   * @param offset the address
   * @param value the byte
   * @throws MemoryOutOfBoundsException if the address is outside the memory
   */
  default void writeByte(long offset, byte value) {
    writeLittleEndian(offset, Byte.BYTES, value);
  }

  /**
   * Reads a little-endian unsigned 16-bit integer.
   *
   * @param offset the address of its first byte
   * @return the value, 0 to 65535
   * @throws MemoryOutOfBoundsException if either byte is outside the memory
   */
  default int readShortLE(long offset) {
    return (int) readLittleEndian(offset, Short.BYTES);
  }

  /**
   * Writes a little-endian 16-bit integer (the low 16 bits of {@code value}).
   *
   * @param offset the address of its first byte
   * @param value the value
   * @throws MemoryOutOfBoundsException if either byte is outside the memory
   */
  default void writeShortLE(long offset, int value) {
    writeLittleEndian(offset, Short.BYTES, value);
  }

  /**
   * Reads a little-endian 32-bit integer.
   *
   * @param offset the address of its first byte
   * @return the value
   * @throws MemoryOutOfBoundsException if any of the 4 bytes is outside the memory
   */
  default int readIntLE(long offset) {
    return (int) readLittleEndian(offset, Integer.BYTES);
  }

  /**
   * Writes a little-endian 32-bit integer.
   *
   * @param offset the address of its first byte
   * @param value the value
   * @throws MemoryOutOfBoundsException if any of the 4 bytes is outside the memory
   */
  default void writeIntLE(long offset, int value) {
    writeLittleEndian(offset, Integer.BYTES, value);
  }

  /**
   * Reads a little-endian 64-bit integer.
   *
   * @param offset the address of its first byte
   * @return the value
   * @throws MemoryOutOfBoundsException if any of the 8 bytes is outside the memory
   */
  default long readLongLE(long offset) {
    return readLittleEndian(offset, Long.BYTES);
  }

  /**
   * Writes a little-endian 64-bit integer.
   *
   * @param offset the address of its first byte
   * @param value the value
   * @throws MemoryOutOfBoundsException if any of the 8 bytes is outside the memory
   */
  default void writeLongLE(long offset, long value) {
    writeLittleEndian(offset, Long.BYTES, value);
  }

  /**
   * Reads {@code width} bytes at {@code offset} as a little-endian number, zero-extended: the one
   * read every typed primitive goes through. The default copies through a small array with {@link
   * #read(long, byte[], int, int)}; implementations with direct access override it.
   *
   * @param offset the address of the first byte
   * @param width 1, 2, 4 or 8
   * @return the value, its bits past {@code width} bytes zero
   * @throws MemoryOutOfBoundsException if any of the bytes is outside the memory
   * @throws IllegalArgumentException if {@code width} is not 1, 2, 4 or 8
   */
  default long readLittleEndian(long offset, int width) {
    byte[] bytes = new byte[Long.BYTES]; // the bytes past width stay zero
    read(offset, bytes, 0, Memories.checkWidth(width));
    return ByteArrays.getLongLE(bytes, 0);
  }

  /**
   * Writes the low {@code width} bytes of {@code value}, little-endian: the one write every typed
   * primitive goes through. The default copies through a small array with {@link #write(long,
   * byte[], int, int)}; implementations with direct access override it.
   *
   * @param offset the address of the first byte
   * @param width 1, 2, 4 or 8
   * @param value the value; its bits past {@code width} bytes are ignored
   * @throws MemoryOutOfBoundsException if any of the bytes is outside the memory
   * @throws IllegalArgumentException if {@code width} is not 1, 2, 4 or 8
   */
  default void writeLittleEndian(long offset, int width, long value) {
    byte[] bytes = new byte[Long.BYTES];
    ByteArrays.putLongLE(bytes, 0, value);
    write(offset, bytes, 0, Memories.checkWidth(width));
  }

  // Big-endian is little-endian with the bytes reversed: one intrinsic, as fast as a big-endian
  // VarHandle, so no implementation needs its own.

  /**
   * Reads a big-endian 32-bit integer, the crate's encoding of {@code u32}.
   *
   * @param offset the address of its first byte
   * @return the value
   * @throws MemoryOutOfBoundsException if any of the 4 bytes is outside the memory
   */
  default int readIntBE(long offset) {
    return Integer.reverseBytes(readIntLE(offset));
  }

  /**
   * Writes a big-endian 32-bit integer.
   *
   * @param offset the address of its first byte
   * @param value the value
   * @throws MemoryOutOfBoundsException if any of the 4 bytes is outside the memory
   */
  default void writeIntBE(long offset, int value) {
    writeIntLE(offset, Integer.reverseBytes(value));
  }

  /**
   * Reads a big-endian 64-bit integer, the crate's encoding of {@code u64}.
   *
   * @param offset the address of its first byte
   * @return the value
   * @throws MemoryOutOfBoundsException if any of the 8 bytes is outside the memory
   */
  default long readLongBE(long offset) {
    return Long.reverseBytes(readLongLE(offset));
  }

  /**
   * Writes a big-endian 64-bit integer.
   *
   * @param offset the address of its first byte
   * @param value the value
   * @throws MemoryOutOfBoundsException if any of the 8 bytes is outside the memory
   */
  default void writeLongBE(long offset, long value) {
    writeLongLE(offset, Long.reverseBytes(value));
  }

  /**
   * Returns the undo journal that makes this memory's writes transactional, shared by every memory
   * laid over the same root memory.
   *
   * @return the journal, or null if this memory has none (wrap it in a {@link JournaledMemory})
   */
  default Journal journal() {
    return null;
  }

  /**
   * Returns the size of the memory in bytes.
   *
   * @return {@code size() * PAGE_SIZE}
   */
  default long sizeInBytes() {
    return size() << PAGE_SHIFT;
  }

  /**
   * Grows the memory, if needed, so that it holds at least {@code bytes} bytes.
   *
   * @param bytes the smallest size wanted, in bytes
   * @throws GrowFailedException if the memory refused to grow; nothing changed then
   */
  default void ensureCapacity(long bytes) {
    Memories.ensureCapacity(this, bytes);
  }
}
