package dev.stablestructures.runtime;

import dev.stablestructures.codec.Principal;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.manager.VirtualMemory;
import dev.stablestructures.runtime.meter.Meter;
import java.time.Instant;

/**
 * What user code sees of the host during one message: the stable memory (through {@link
 * #memories()}, or raw through {@link #memory(int)}), who called, the canister's own principal, the
 * message's time, the stable-memory version, and {@link #trap(String)}.
 *
 * <p>A context is valid only during the message it was given to; keep the structures, not the
 * context.
 */
public final class CanisterContext {
  private final MessageScope scope;
  private final NamedMemories memories;

  CanisterContext(MessageScope scope, NamedMemories memories) {
    this.scope = scope;
    this.memories = memories;
  }

  /**
   * Returns the memory manager over the canister's stable memory. Memory {@value
   * NamedMemories#RUNTIME_MEMORY_ID} holds the runtime's metadata: do not write it.
   *
   * @return the manager
   */
  public MemoryManager memoryManager() {
    return scope.manager();
  }

  /**
   * Returns one of the canister's virtual memories, for code that lays out its own bytes.
   *
   * @param id the memory id, 0 to {@value NamedMemories#MAX_CANISTER_MEMORY_ID}
   * @return the memory
   * @throws CanisterStateException if the id is the runtime's ({@value
   *     NamedMemories#RUNTIME_MEMORY_ID}) or out of range
   */
  public VirtualMemory memory(int id) {
    NamedMemories.checkId(id);
    return scope.manager().get(id);
  }

  /**
   * Returns the named memories: structures declared by name, checked at every upgrade.
   *
   * @return the named memories of this instance
   */
  public NamedMemories memories() {
    return memories;
  }

  /**
   * Returns who sent the message: the host's controller for install, upgrade and reinstall, the
   * given caller (or the controller) for updates and queries.
   *
   * @return the caller
   */
  public Principal caller() {
    return scope.caller();
  }

  /**
   * Returns the canister's own principal.
   *
   * @return the canister id
   */
  public Principal self() {
    return scope.metadata().principal(); // fixed at the first install
  }

  /**
   * Returns the message's time, from the host's clock, the same throughout the message.
   *
   * @return the time
   */
  public Instant time() {
    return scope.time();
  }

  /**
   * Returns the version of the stable data as it stands: the stored version, during a migration
   * step the version that step starts from, and after the migrations the new code's version.
   *
   * @return 1 or more
   */
  public int stableVersion() {
    return scope.metadata().stableVersion();
  }

  /**
   * Returns the message's meter: what its stable-memory accesses cost so far, under its caps. Code
   * may {@link Meter#charge(long) charge} work of its own; going over a cap traps.
   *
   * @return the current message's meter
   */
  public Meter meter() {
    return scope.meter();
  }

  /**
   * Traps: ends the message with an error, rolling back everything it did. Never returns; the
   * return type lets a caller write {@code throw ctx.trap("...")}.
   *
   * @param message why, for the caller to read
   * @return never
   * @throws CanisterTrapException always
   */
  public CanisterTrapException trap(String message) {
    throw new CanisterTrapException(message);
  }

  @Override
  public String toString() {
    return "CanisterContext[" + scope.what() + ", caller " + scope.caller() + "]";
  }
}
