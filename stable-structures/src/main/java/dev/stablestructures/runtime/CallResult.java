package dev.stablestructures.runtime;

import java.nio.charset.StandardCharsets;

/** What a message that did not trap gave back: the reply bytes (empty for lifecycle messages). */
public final class CallResult {
  private static final byte[] NONE = new byte[0];

  private final byte[] reply;

  CallResult(byte[] reply) {
    this.reply = reply == null ? NONE : reply;
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
    return "CallResult[" + reply.length + " reply bytes]";
  }
}
