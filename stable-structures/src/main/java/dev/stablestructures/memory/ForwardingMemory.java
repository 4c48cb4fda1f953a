package dev.stablestructures.memory;

import dev.stablestructures.MemoryOutOfBoundsException;
import java.util.Objects;

/**
 * A memory whose bytes live in another memory, its base, at translated addresses: the shared part
 * of {@link RestrictedMemory} (a window of pages), {@link JournaledMemory} (an undo journal, same
 * addresses) and the memory manager's virtual memories (a list of buckets).
 *
 * <p>A subclass writes {@link #size}, {@link #grow} (a wrapper at the base's addresses inherits
 * them from {@link SameAddressMemory}), its bulk access ({@link #copy}, one method for both
 * directions) and one hook, {@link #translate}. Every primitive is written here, once: it asks
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

  /** Reads through the base's own accessor, or with bulk copies if the bytes straddle. */
  @Override
  public long readLittleEndian(long offset, int width) {
    long at = translate(offset, Memories.checkWidth(width));
    if (at < 0) {
      byte[] bytes = new byte[Long.BYTES]; // the bytes past width stay zero
      copy(Transfer.READ, offset, bytes, 0, width);
      return ByteArrays.getLongLE(bytes, 0);
    }
    return base.readLittleEndian(at, width);
  }

  /** Writes through the base's own accessor, or with bulk copies if the bytes straddle. */
  @Override
  public void writeLittleEndian(long offset, int width, long value) {
    long at = translateWrite(offset, Memories.checkWidth(width));
    if (at < 0) {
      byte[] bytes = new byte[Long.BYTES];
      ByteArrays.putLongLE(bytes, 0, value);
      copy(Transfer.WRITE, offset, bytes, 0, width);
      return;
    }
    base.writeLittleEndian(at, width, value);
  }
}
