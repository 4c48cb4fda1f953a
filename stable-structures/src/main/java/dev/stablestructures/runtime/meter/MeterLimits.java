package dev.stablestructures.runtime.meter;

import java.util.EnumMap;
import java.util.Objects;

/**
 * The per-message caps of each {@link MessageKind}: instructions, bytes read and bytes written.
 * Immutable; {@link #ic()} gives the IC's values on an application subnet, {@link #builder()}
 * changes any of them.
 *
 * <p>The IC defaults ({@code ic-semantics.md} §2; {@code rs/config/src/subnet_config.rs} and {@code
 * embedders.rs}):
 *
 * <pre>
 * | kind    | instructions    | read  | written | note                                |
 * |---------|-----------------|-------|---------|-------------------------------------|
 * | INSTALL | 300,000,000,000 | 8 GiB | 8 GiB   | install_code: init                  |
 * | UPGRADE | 300,000,000,000 | 8 GiB | 8 GiB   | pre_upgrade + post_upgrade together |
 * | UPDATE  |  40,000,000,000 | 2 GiB | 2 GiB   | also timers and heartbeats          |
 * | QUERY   |   5,000,000,000 | 1 GiB | 1 GiB   |                                     |
 * </pre>
 *
 * <p>The IC counts the stable memory a message accesses and writes in 4 KiB pages; this meter
 * counts the bytes of each call instead, an approximation: it is close for the large accesses that
 * reach these caps, and can differ either way for many small ones (a small access costs the IC a
 * whole page, a page read twice costs here twice).
 */
public final class MeterLimits {
  /** A cap that is never reached. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  /** One GiB in bytes. */
  public static final long GIB = 1L << 30;

  private static final MeterLimits IC =
      builder()
          .instructions(MessageKind.INSTALL, 300_000_000_000L)
          .instructions(MessageKind.UPGRADE, 300_000_000_000L)
          .instructions(MessageKind.UPDATE, 40_000_000_000L)
          .instructions(MessageKind.QUERY, 5_000_000_000L)
          .bytesRead(MessageKind.INSTALL, 8 * GIB)
          .bytesWritten(MessageKind.INSTALL, 8 * GIB)
          .bytesRead(MessageKind.UPGRADE, 8 * GIB)
          .bytesWritten(MessageKind.UPGRADE, 8 * GIB)
          .bytesRead(MessageKind.UPDATE, 2 * GIB)
          .bytesWritten(MessageKind.UPDATE, 2 * GIB)
          .bytesRead(MessageKind.QUERY, GIB)
          .bytesWritten(MessageKind.QUERY, GIB)
          .build();

  private static final MeterLimits NONE = builder().build();

  private final EnumMap<MessageKind, Caps> caps;

  private MeterLimits(EnumMap<MessageKind, Caps> caps) {
    this.caps = caps;
  }

  /**
   * One kind's three caps.
   *
   * @param instructions the most instructions a message may use
   * @param bytesRead the most bytes it may read
   * @param bytesWritten the most bytes it may write
   */
  public record Caps(long instructions, long bytesRead, long bytesWritten) {
    /**
     * Checks the caps.
     *
     * @param instructions the most instructions, 0 or more
     * @param bytesRead the most bytes read, 0 or more
     * @param bytesWritten the most bytes written, 0 or more
     * @throws IllegalArgumentException if a cap is negative
     */
    public Caps {
      checked("instructions", instructions);
      checked("bytes read", bytesRead);
      checked("bytes written", bytesWritten);
    }

    private static final Caps NONE = new Caps(UNLIMITED, UNLIMITED, UNLIMITED);
  }

  private static long checked(String what, long cap) {
    if (cap < 0) {
      throw new IllegalArgumentException(
          "a cap on " + what + " must be 0 or more (UNLIMITED for none), got " + cap);
    }
    return cap;
  }

  /**
   * Returns the IC's caps on an application subnet (see the class comment).
   *
   * @return the IC defaults
   */
  public static MeterLimits ic() {
    return IC;
  }

  /**
   * Returns caps that are never reached: a meter that only counts.
   *
   * @return every cap {@link #UNLIMITED}
   */
  public static MeterLimits unlimited() {
    return NONE;
  }

  /**
   * Starts a builder with every cap {@link #UNLIMITED}; start from {@code ic().toBuilder()} to
   * change only some of the IC's values.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder(null);
  }

  /**
   * Starts a builder holding these caps.
   *
   * @return a new builder, to change some caps and build another instance
   */
  public Builder toBuilder() {
    return new Builder(caps);
  }

  /**
   * Returns the three caps of one kind of message.
   *
   * @param kind the message kind
   * @return its caps
   */
  public Caps of(MessageKind kind) {
    return caps.get(kind);
  }

  /**
   * Returns the instruction cap of one kind of message.
   *
   * @param kind the message kind
   * @return the most instructions one such message may use
   */
  public long instructions(MessageKind kind) {
    return of(kind).instructions();
  }

  /**
   * Returns the cap on bytes read from stable memory by one kind of message.
   *
   * @param kind the message kind
   * @return the most bytes one such message may read
   */
  public long bytesRead(MessageKind kind) {
    return of(kind).bytesRead();
  }

  /**
   * Returns the cap on bytes written to stable memory by one kind of message.
   *
   * @param kind the message kind
   * @return the most bytes one such message may write
   */
  public long bytesWritten(MessageKind kind) {
    return of(kind).bytesWritten();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MeterLimits that && caps.equals(that.caps);
  }

  @Override
  public int hashCode() {
    return caps.hashCode();
  }

  /** Lists each kind's caps, for a person to read. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("MeterLimits[");
    String separator = "";
    for (MessageKind kind : MessageKind.values()) {
      s.append(separator)
          .append(kind)
          .append(": ")
          .append(CostReport.amount(instructions(kind)))
          .append(" instructions, read ")
          .append(CostReport.bytes(bytesRead(kind)))
          .append(", written ")
          .append(CostReport.bytes(bytesWritten(kind)));
      separator = "; ";
    }
    return s.append(']').toString();
  }

  /** Sets caps one by one; each setter returns the builder. Not thread-safe. */
  public static final class Builder {
    private final EnumMap<MessageKind, Caps> caps = new EnumMap<>(MessageKind.class);

    private Builder(EnumMap<MessageKind, Caps> from) {
      for (MessageKind kind : MessageKind.values()) {
        caps.put(kind, from == null ? Caps.NONE : from.get(kind));
      }
    }

    /**
     * Sets the instruction cap of one kind of message.
     *
     * @param kind the message kind
     * @param cap the most instructions, 0 or more; {@link #UNLIMITED} for none
     * @return this builder
     * @throws IllegalArgumentException if {@code cap} is negative
     */
    public Builder instructions(MessageKind kind, long cap) {
      Caps c = caps.get(kind);
      caps.put(kind, new Caps(cap, c.bytesRead(), c.bytesWritten()));
      return this;
    }

    /**
     * Sets the cap on bytes read by one kind of message.
     *
     * @param kind the message kind
     * @param cap the most bytes, 0 or more; {@link #UNLIMITED} for none
     * @return this builder
     * @throws IllegalArgumentException if {@code cap} is negative
     */
    public Builder bytesRead(MessageKind kind, long cap) {
      Caps c = caps.get(kind);
      caps.put(kind, new Caps(c.instructions(), cap, c.bytesWritten()));
      return this;
    }

    /**
     * Sets the cap on bytes written by one kind of message.
     *
     * @param kind the message kind
     * @param cap the most bytes, 0 or more; {@link #UNLIMITED} for none
     * @return this builder
     * @throws IllegalArgumentException if {@code cap} is negative
     */
    public Builder bytesWritten(MessageKind kind, long cap) {
      Caps c = caps.get(kind);
      caps.put(kind, new Caps(c.instructions(), c.bytesRead(), cap));
      return this;
    }

    /**
     * Sets all three caps of one kind of message.
     *
     * @param kind the message kind
     * @param kindCaps its caps
     * @return this builder
     */
    public Builder caps(MessageKind kind, Caps kindCaps) {
      caps.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(kindCaps, "caps"));
      return this;
    }

    /**
     * Builds the caps; the builder may be changed and built again afterwards.
     *
     * @return the immutable caps
     */
    public MeterLimits build() {
      return new MeterLimits(new EnumMap<>(caps));
    }
  }
}
