package dev.stablestructures.runtime;

import dev.stablestructures.codec.Principal;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.runtime.meter.Meter;
import java.time.Instant;

/**
 * What one running message works on: the manager, the working copy of the runtime's metadata (its
 * declarations and stable version change inside the message and are stored before the commit), the
 * caller, the message's time and its meter.
 */
final class MessageScope {
  final MemoryManager manager;
  final RuntimeMetadata metadata;
  final Principal caller;
  final Instant time;
  final String what;
  final Meter meter;

  /** True while a migration step runs: declarations may then replace stored ones. */
  boolean migrating;

  MessageScope(
      MemoryManager manager,
      RuntimeMetadata metadata,
      Principal caller,
      Instant time,
      String what,
      Meter meter) {
    this.manager = manager;
    this.metadata = metadata;
    this.caller = caller;
    this.time = time;
    this.what = what;
    this.meter = meter;
  }
}
