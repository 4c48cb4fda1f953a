package dev.stablestructures.runtime;

import dev.stablestructures.runtime.meter.CostReport;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a message that did not trap gave back: the reply bytes (empty for lifecycle messages) and
 * what the message cost ({@link #report()}), so an author sees how close it came to its limits.
 */
public final class CallResult {
  private static final byte[] NONE = new byte[0];

  private final byte[] reply;
  private final CostReport report;

  CallResult(byte[] reply, CostReport report) {
    this.reply = reply == null ? NONE : reply;
    this.report = Objects.requireNonNull(report, "report");
  }

  /**
   * Returns what the message cost: instructions, bytes read and written, dirtied pages, and its
   * caps. For an upgrade it covers {@code preUpgrade}, the migrations and {@code postUpgrade}
   * together.
   *
   * @return the cost report
   */
  public CostReport report() {
    return report;
  }

  /**
   * Returns the reply.
   *
   * @return a copy of the reply bytes; empty if none
   */
  public byte[] reply() {
    return reply.clone();
  }

  /**
   * Returns the reply decoded as UTF-8.
   *
   * @return the reply text
   */
  public String replyText() {
    return new String(reply, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "CallResult[" + reply.length + " reply bytes, " + report.summary() + "]";
  }
}
