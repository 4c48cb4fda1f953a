package dev.stablestructures.runtime.meter;

import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.memory.SameAddressMemory;
import dev.stablestructures.memory.Transfer;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A memory that charges every read and write to the current message's {@link Meter}, then runs it
 * on its base at the same address. Lay it over the root memory and build everything (the memory
 * manager, the structures) on it; one instance serves every message of a host, which either sets
 * the meter of each message ({@link #setMeter}) or hands one supplier that answers it ({@link
 * #MeteredMemory(Memory, Supplier)}, say a thread-local for queries run in parallel). With no
 * current meter (null) every access passes straight through, uncharged.
 *
 * <p>Each public access is charged exactly once: the bulk {@code read} and {@code write} and every
 * primitive ({@code readByte}, the 16-, 32- and 64-bit accessors of both byte orders) are one call
 * each, 20 instructions plus their width in bytes. An access outside the memory, or one the meter
 * refuses ({@link LimitExceededException}), touches nothing and is not charged.
 *
 * <p>Once the meter has refused a call ({@link Meter#isExceeded()}), writes stay refused but reads
 * pass uncharged: the structure operation that crossed the cap rolls itself back and reloads its
 * heap state (a tree's root, the manager's bucket table) through this memory, and that reload must
 * not fail, or the structure would be left unusable. The message is trapped anyway; reading costs
 * nothing it could keep.
 *
 * <p>Transactions work as before: {@link #journal()} is the base's journal, and the base journals
 * its own writes, so a rollback restores the base (uncharged, as the IC does not charge a trap's
 * discarded pages).
 *
 * <p>{@link #grow} is not charged. The IC charges about 100 instructions a {@code stable64_grow}
 * call on native stable memory (500 in its older cost table); the structures grow in bucket-sized
 * steps, so that is far below the page charges of the writes that follow, and the contract leaves
 * it out. A user who wants it can {@link Meter#charge(long) charge} it.
 *
 * <p>A memory that no {@code MeteredMemory} wraps pays nothing: no other memory class knows of
 * metering.
 */
public final class MeteredMemory extends SameAddressMemory {
  private final Supplier<Meter> meters;
  private Meter meter;

  /**
   * Meters a memory with a meter set by {@link #setMeter}; none at first.
   *
   * @param base the memory to meter, best the root memory (the IC's 4 KiB pages are its pages)
   */
  public MeteredMemory(Memory base) {
    super(base);
    this.meters = null;
  }

  /**
   * Meters a memory with whatever meter a supplier answers at each access.
   *
   * @param base the memory to meter, best the root memory
   * @param meters answers the current message's meter, or null for none (uncharged access)
   */
  public MeteredMemory(Memory base, Supplier<Meter> meters) {
    super(base);
    this.meters = Objects.requireNonNull(meters, "meters");
  }

  /**
   * Sets the meter that the next accesses charge.
   *
   * @param meter the current message's meter, or null to stop charging
   * @throws IllegalStateException if this memory takes its meter from a supplier
   */
  public void setMeter(Meter meter) {
    if (meters != null) {
      throw new IllegalStateException(
          "this MeteredMemory takes its meter from a supplier; setMeter is for one made without");
    }
    this.meter = meter;
  }

  /**
   * Returns the meter the next access charges.
   *
   * @return the current meter, or null if accesses pass uncharged
   */
  public Meter meter() {
    return meters != null ? meters.get() : meter;
  }

  /** Charges a primitive read, then answers the same address. */
  @Override
  protected long translate(long offset, int length) {
    Meter m = meter();
    if (m != null && !m.isExceeded()) {
      // Checked first so an access that fails is not charged (the base checks again: cheap).
      Memories.checkBounds(offset, length, base().sizeInBytes());
      m.chargeRead(length);
    }
    return offset;
  }

  /** Charges a primitive write before it happens, then answers the same address. */
  @Override
  protected long translateWrite(long offset, int length) {
    Meter m = meter();
    if (m != null) {
      Memories.checkBounds(offset, length, base().sizeInBytes());
      m.chargeWrite(offset, length);
    }
    return offset;
  }

  /** Charges a bulk read or write before it happens, then runs it on the base. */
  @Override
  protected void copy(Transfer transfer, long offset, byte[] bytes, int at, int length) {
    Meter m = meter();
    if (m != null) {
      Objects.checkFromIndexSize(at, length, bytes.length);
      Memories.checkBounds(offset, length, base().sizeInBytes());
      if (transfer == Transfer.READ) {
        if (!m.isExceeded()) {
          m.chargeRead(length);
        }
      } else {
        m.chargeWrite(offset, length);
      }
    }
    copyBase(transfer, offset, bytes, at, length);
  }

  @Override
  public String toString() {
    return "MeteredMemory[" + base() + "]";
  }
}
