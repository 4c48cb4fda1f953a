package dev.stablestructures.memory;

import dev.stablestructures.MemoryOutOfBoundsException;
import java.util.Objects;

/**
 * A memory whose bytes live in another memory, its base, at translated addresses: the shared part
 * of {@link RestrictedMemory} (a window of pages), {@link JournaledMemory} (an undo journal, same
 * addresses) and the memory manager's virtual memories (a list of buckets).
 *
 * <p>A subclass writes {@link #size}, {@link #grow}, its bulk access ({@link #copy}, one method for
 * both directions) and one hook, {@link #translate}. Every primitive is written here, once: it asks
 * {@code translate} where its bytes lie in the base and runs the base's own primitive there, so a
 * primitive costs the subclass's bounds check plus the base's primitive (a single {@code VarHandle}
 * access on a heap or file memory). Only an access whose bytes are not contiguous in the base (a
 * virtual memory's access that straddles two buckets) takes the bulk path instead.
 */
public abstract class ForwardingMemory implements Memory {
  /** What {@link #translate} answers for an access whose bytes are not contiguous in the base. */
  protected static final long NOT_CONTIGUOUS = -1;

  private final Memory base;

  /**
   * Creates a memory over {@code base}.
   *
   * @param base the memory the bytes live in
   */
  protected ForwardingMemory(Memory base) {
    this.base = Objects.requireNonNull(base, "base");
  }

  /**
   * Returns the memory this one's bytes live in.
   *
   * @return the base memory
   */
  public final Memory base() {
    return base;
  }

  /**
   * Returns the base's journal: every memory over one root memory shares its transactions.
   *
   * @return the base memory's journal, or null if it has none
   */
  @Override
  public Journal journal() {
    return base.journal();
  }

  /**
   * Checks an access and returns where its bytes lie in the base.
   *
   * @param offset the first address accessed, in this memory
   * @param length the number of bytes, 1 to 8
   * @return the base address of {@code offset}, or a negative number ({@link #NOT_CONTIGUOUS}) if
   *     the bytes are not contiguous in the base; the access then goes through the bulk methods
   * @throws MemoryOutOfBoundsException if the access is outside this memory (a subclass whose
   *     addresses equal the base's may leave the check to the base)
   */
  protected abstract long translate(long offset, int length);

  /**
   * Like {@link #translate}, for a write. A subclass that must see every write before it happens (a
   * journal saving the bytes about to be overwritten) overrides this.
   *
   * @param offset the first address written, in this memory
   * @param length the number of bytes, 1 to 8
   * @return the base address of {@code offset}, or a negative number
   * @throws MemoryOutOfBoundsException if the access is outside this memory
   */
  protected long translateWrite(long offset, int length) {
    return translate(offset, length);
  }

  /**
   * Copies bytes between this memory and an array: the bulk access behind {@link #read(long,
   * byte[], int, int) read} and {@link #write(long, byte[], int, int) write}. It checks the range
   * against this memory and the array before anything is copied.
   *
   * @param transfer which way the bytes go
   * @param offset the first address, in this memory
   * @param bytes the array
   * @param at the first index of {@code bytes}
   * @param length how many bytes
   * @throws MemoryOutOfBoundsException if the range is not inside this memory
   * @throws IndexOutOfBoundsException if the range is not inside {@code bytes}
   */
  protected abstract void copy(Transfer transfer, long offset, byte[] bytes, int at, int length);

  /**
   * Copies bytes between the base, at a translated address, and an array.
   *
   * @param transfer which way the bytes go
   * @param baseOffset the first address, in the base
   * @param bytes the array
   * @param at the first index of {@code bytes}
   * @param length how many bytes
   */
  protected final void copyBase(
      Transfer transfer, long baseOffset, byte[] bytes, int at, int length) {
    if (transfer == Transfer.READ) {
      base.read(baseOffset, bytes, at, length);
    } else {
      base.write(baseOffset, bytes, at, length);
    }
  }

  @Override
  public final void read(long offset, byte[] dst, int dstOffset, int length) {
    copy(Transfer.READ, offset, dst, dstOffset, length);
  }

  @Override
  public final void write(long offset, byte[] src, int srcOffset, int length) {
    copy(Transfer.WRITE, offset, src, srcOffset, length);
  }

  @Override
  public byte readByte(long offset) {
    long at = translate(offset, Byte.BYTES);
    return at >= 0 ? base.readByte(at) : Memory.super.readByte(offset);
  }

  @Override
  public void writeByte(long offset, byte value) {
    long at = translateWrite(offset, Byte.BYTES);
    if (at >= 0) {
      base.writeByte(at, value);
    } else {
      Memory.super.writeByte(offset, value);
    }
  }

  @Override
  public int readShortLE(long offset) {
    long at = translate(offset, Short.BYTES);
    return at >= 0 ? base.readShortLE(at) : Memory.super.readShortLE(offset);
  }

  @Override
  public void writeShortLE(long offset, int value) {
    long at = translateWrite(offset, Short.BYTES);
    if (at >= 0) {
      base.writeShortLE(at, value);
    } else {
      Memory.super.writeShortLE(offset, value);
    }
  }

  @Override
  public int readIntLE(long offset) {
    long at = translate(offset, Integer.BYTES);
    return at >= 0 ? base.readIntLE(at) : Memory.super.readIntLE(offset);
  }

  @Override
  public void writeIntLE(long offset, int value) {
    long at = translateWrite(offset, Integer.BYTES);
    if (at >= 0) {
      base.writeIntLE(at, value);
    } else {
      Memory.super.writeIntLE(offset, value);
    }
  }

  @Override
  public long readLongLE(long offset) {
    long at = translate(offset, Long.BYTES);
    return at >= 0 ? base.readLongLE(at) : Memory.super.readLongLE(offset);
  }

  @Override
  public void writeLongLE(long offset, long value) {
    long at = translateWrite(offset, Long.BYTES);
    if (at >= 0) {
      base.writeLongLE(at, value);
    } else {
      Memory.super.writeLongLE(offset, value);
    }
  }
}
