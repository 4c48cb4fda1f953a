package dev.stablestructures.runtime.meter;

import dev.stablestructures.runtime.meter.LimitExceededException.Limit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Counts what one message costs, as the IC charges stable memory, and stops the message at the call
 * that would cross one of its caps.
 *
 * <p>Charges ({@code ic-semantics.md} §2, {@code system_api_complexity} and {@code
 * DEFAULT_DIRTY_PAGE_OVERHEAD} in the replica):
 *
 * <pre>
 * | what                                   | instructions           |
 * |----------------------------------------|------------------------|
 * | a read or write call (any width, bulk) | 20                     |
 * | each byte read or written              | 1                      |
 * | each 4 KiB page newly dirtied          | 1,000 (once a message) |
 * | charge(n), for other work              | n                      |
 * </pre>
 *
 * <p>A page is a 4 KiB run of addresses {@code [n * 4096, (n + 1) * 4096)} of the memory metered
 * (meter the root memory, whose pages are the IC's); a write dirties every page it touches, and
 * each page is charged the first time this meter sees it written. Reads dirty nothing.
 *
 * <p>Every charge checks the caps first: if the call would bring bytes read, bytes written or
 * instructions over the message's cap, it throws {@link LimitExceededException} and counts nothing,
 * so the caller (a {@link MeteredMemory}) reads or writes nothing either. The meter then stays
 * tripped: every later charge throws too, as a trapped message does nothing more, even if user code
 * catches the exception. {@link #exceeded()} tells the host so.
 *
 * <p>One meter serves one message, on the thread that runs it; it is not thread-safe. Pages are
 * remembered in an open-addressing set of primitive longs (about 16 bytes a dirtied page), so
 * counting never boxes.
 */
public final class Meter {
  /** Instructions charged for each read or write call, whatever its width. */
  public static final long INSTRUCTIONS_PER_CALL = 20;

  /** Instructions charged for each byte read or written. */
  public static final long INSTRUCTIONS_PER_BYTE = 1;

  /** Instructions charged for each 4 KiB page a message dirties for the first time. */
  public static final long INSTRUCTIONS_PER_DIRTY_PAGE = 1_000;

  /** log2 of {@link #DIRTY_PAGE_SIZE}. */
  public static final int DIRTY_PAGE_SHIFT = 12;

  /** The replica's unit of dirty state: a 4 KiB OS page. */
  public static final int DIRTY_PAGE_SIZE = 1 << DIRTY_PAGE_SHIFT;

  private final MessageKind kind;
  private final long instructionCap;
  private final long readCap;
  private final long writeCap;

  private long instructions;
  private long calls;
  private long bytesRead;
  private long bytesWritten;
  private final PageSet dirty = new PageSet();
  // The page the last write ended in: most writes land in it again, and skip the set.
  private long lastPage = -1;
  private LimitExceededException tripped;

  /**
   * Starts metering one message.
   *
   * @param kind the kind of message, which picks its caps
   * @param limits the caps of every kind
   */
  public Meter(MessageKind kind, MeterLimits limits) {
    this.kind = Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(limits, "limits"); // only this kind's caps are kept
    this.instructionCap = limits.instructions(kind);
    this.readCap = limits.bytesRead(kind);
    this.writeCap = limits.bytesWritten(kind);
  }

  /**
   * Charges one read call of {@code length} bytes.
   *
   * @param length the bytes read, 0 or more
   * @throws LimitExceededException if the read would cross the read or the instruction cap (then
   *     nothing is counted), or the meter went over a cap before
   * @throws IllegalArgumentException if {@code length} is negative
   */
  public void chargeRead(long length) {
    checkNotTripped();
    requireNonNegative("length", length);
    long read = plus(bytesRead, length);
    if (read > readCap) {
      throw trip(Limit.BYTES_READ, readCap, read, readText(length));
    }
    long cost = plus(instructions, plus(INSTRUCTIONS_PER_CALL, length * INSTRUCTIONS_PER_BYTE));
    if (cost > instructionCap) {
      throw trip(Limit.INSTRUCTIONS, instructionCap, cost, readText(length));
    }
    calls++;
    bytesRead = read;
    instructions = cost;
  }

  /**
   * Charges one write call of {@code length} bytes at {@code offset}, and the pages it newly
   * dirties.
   *
   * @param offset the first address written, 0 or more
   * @param length the bytes written, 0 or more
   * @throws LimitExceededException if the write would cross the write or the instruction cap (then
   *     nothing is counted, and no page is marked), or the meter went over a cap before
   * @throws IllegalArgumentException if {@code offset} or {@code length} is negative
   */
  public void chargeWrite(long offset, long length) {
    checkNotTripped();
    requireNonNegative("offset", offset);
    requireNonNegative("length", length);
    long written = plus(bytesWritten, length);
    if (written > writeCap) {
      throw trip(Limit.BYTES_WRITTEN, writeCap, written, writeText(offset, length));
    }
    long first = offset >>> DIRTY_PAGE_SHIFT;
    long last = length == 0 ? first : (offset + length - 1) >>> DIRTY_PAGE_SHIFT;
    long fresh = length == 0 ? 0 : newPages(first, last);
    long cost =
        plus(
            instructions,
            plus(
                INSTRUCTIONS_PER_CALL + length * INSTRUCTIONS_PER_BYTE,
                fresh * INSTRUCTIONS_PER_DIRTY_PAGE));
    if (cost > instructionCap) {
      throw trip(Limit.INSTRUCTIONS, instructionCap, cost, writeText(offset, length));
    }
    if (fresh > 0) {
      for (long page = first; page <= last; page++) {
        dirty.add(page);
      }
    }
    if (length > 0) {
      lastPage = last;
    }
    calls++;
    bytesWritten = written;
    instructions = cost;
  }

  /**
   * Charges instructions for work that is not a stable-memory access (user code the runtime chooses
   * to count).
   *
   * @param instructions how many, 0 or more
   * @throws LimitExceededException if they would cross the instruction cap (then nothing is
   *     counted), or the meter went over a cap before
   * @throws IllegalArgumentException if {@code instructions} is negative
   */
  public void charge(long instructions) {
    checkNotTripped();
    requireNonNegative("instructions", instructions);
    long cost = plus(this.instructions, instructions);
    if (cost > instructionCap) {
      throw trip(
          Limit.INSTRUCTIONS,
          instructionCap,
          cost,
          "a charge of " + CostReport.amount(instructions) + " instructions");
    }
    this.instructions = cost;
  }

  /** Counts the pages of {@code [first, last]} not dirtied yet; nothing is marked. */
  private long newPages(long first, long last) {
    if (first == last && first == lastPage) {
      return 0;
    }
    long fresh = 0;
    for (long page = first; page <= last; page++) {
      if (!dirty.contains(page)) {
        fresh++;
      }
    }
    return fresh;
  }

  /** a + b for counts that are 0 or more, stopping at {@link MeterLimits#UNLIMITED}. */
  private static long plus(long a, long b) {
    long sum = a + b;
    return sum < 0 ? MeterLimits.UNLIMITED : sum;
  }

  private static void requireNonNegative(String what, long n) {
    if (n < 0) {
      throw new IllegalArgumentException(what + " must be 0 or more, got " + n);
    }
  }

  private static String readText(long length) {
    return "a read of " + CostReport.amount(length) + " bytes";
  }

  private static String writeText(long offset, long length) {
    return String.format(Locale.ROOT, "a write of %,d bytes at %,d", length, offset);
  }

  private LimitExceededException trip(Limit limit, long cap, long reached, String what) {
    LimitExceededException e = new LimitExceededException(limit, cap, reached, what, report());
    tripped = e;
    return e;
  }

  private void checkNotTripped() {
    if (tripped != null) {
      throw new LimitExceededException(
          tripped.limit(),
          tripped.cap(),
          tripped.reached(),
          "a call after the message went over its cap (it may not run on)",
          tripped.report());
    }
  }

  /**
   * Tells whether a cap was crossed: the cheap form of {@link #exceeded()}, for every access.
   *
   * @return true once a charge was refused
   */
  public boolean isExceeded() {
    return tripped != null;
  }

  /**
   * Returns the first cap this meter saw crossed, if any: the host can trap a message whose code
   * caught the exception and returned normally.
   *
   * @return the exception first thrown, or empty while the message is within its caps
   */
  public Optional<LimitExceededException> exceeded() {
    return Optional.ofNullable(tripped);
  }

  /**
   * Returns what the message has cost so far.
   *
   * @return an immutable snapshot
   */
  public CostReport report() {
    return new CostReport(
        kind,
        instructions,
        calls,
        bytesRead,
        bytesWritten,
        dirty.size(),
        instructionCap,
        readCap,
        writeCap);
  }

  @Override
  public String toString() {
    return "Meter[" + report() + "]";
  }
}
