package dev.stablestructures.runtime;

/**
 * An {@link EntryPoint} on text: the argument bytes are decoded as UTF-8 and the reply encoded as
 * UTF-8. Declared with {@link EntryPoints.Builder#updateText} or {@link
 * EntryPoints.Builder#queryText}.
 */
@FunctionalInterface
public interface TextEntryPoint {
  /**
   * Handles one message.
   *
   * @param ctx the message's context
   * @param arg the argument as text (empty if none)
   * @return the reply text (null is taken as empty)
   */
  String call(CanisterContext ctx, String arg);
}
