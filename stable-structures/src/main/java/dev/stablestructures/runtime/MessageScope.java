package dev.stablestructures.runtime;

import dev.stablestructures.codec.Principal;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.runtime.meter.Meter;
import java.time.Instant;

/**
 * What one running message works on: the manager, the working copy of the runtime's metadata (its
 * declarations and stable version change inside the message and are stored before the commit), the
 * caller, the message's time and its meter. Whether a migration step runs is the {@link
 * NamedMemories}' state, the only reader of it.
 */
record MessageScope(
    MemoryManager manager,
    RuntimeMetadata metadata,
    Principal caller,
    Instant time,
    String what,
    Meter meter) {}
