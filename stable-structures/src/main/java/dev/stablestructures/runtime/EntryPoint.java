package dev.stablestructures.runtime;

/**
 * One update or query method of a canister, on raw bytes: the argument in, the reply out. Declared
 * in {@link Canister#entryPoints}; any exception it throws is a trap, which rolls the message back.
 */
@FunctionalInterface
public interface EntryPoint {
  /**
   * Handles one message.
   *
   * @param ctx the message's context: memories, caller, meter
   * @param arg the argument bytes (empty if none)
   * @return the reply bytes (empty for none; null is taken as empty)
   */
  byte[] call(CanisterContext ctx, byte[] arg);
}
