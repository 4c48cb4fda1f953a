package dev.stablestructures.runtime;

/**
 * User code that a {@link Host} runs over one stable memory, as a canister on the Internet
 * Computer: lifecycle hooks, update and query methods, and the stable-memory version of its data.
 * Every hook and method runs in one transaction of its own; an exception (a trap) rolls the whole
 * message back. Keep state in stable structures opened through {@link CanisterContext#memories()}:
 * the heap of an instance is dropped at every upgrade, and a trap cannot roll heap fields back.
 *
 * <p>A class loaded by {@link CanisterCode#fromJar} or {@link CanisterCode#fromDirectory} must be
 * public with a public constructor taking no arguments; the host creates one instance per loaded
 * code.
 */
public interface Canister {
  /**
   * Runs once, at {@link Host#install} and {@link Host#reinstall}, on an empty stable memory.
   *
   * @param ctx the message's context
   * @param arg the install argument (empty if none)
   */
  default void init(CanisterContext ctx, byte[] arg) {}

  /**
   * Runs on the old code's instance before an upgrade, unless the upgrade skips it.
   *
   * @param ctx the upgrade's context
   */
  default void preUpgrade(CanisterContext ctx) {}

  /**
   * Runs on the new code's instance after an upgrade (after any migrations); {@link #init} is not
   * called on an upgrade.
   *
   * @param ctx the upgrade's context
   * @param arg the upgrade argument (empty if none)
   */
  default void postUpgrade(CanisterContext ctx, byte[] arg) {}

  /**
   * Declares the update and query methods; called once per instance, before any message.
   *
   * @param points collects the methods
   */
  void entryPoints(EntryPoints.Builder points);

  /**
   * Returns the version of the stable-memory layout this code reads and writes; stored at install
   * and checked at every start and upgrade.
   *
   * @return 1 or more; 1 unless overridden
   */
  default int stableVersion() {
    return 1;
  }

  /**
   * Registers the migrations from older stable-memory versions to {@link #stableVersion()}.
   *
   * @param migrations collects the steps
   */
  default void migrations(Migrations.Builder migrations) {}
}
