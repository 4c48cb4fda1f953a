package dev.stablestructures.runtime;

import dev.stablestructures.codec.Principal;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.runtime.meter.Meter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One running message of a {@link Host}: its time, the named memories it bound, and what must
 * happen when it ends (the host's heap state changes only in the commit actions).
 */
final class Message {
  final String what;
  final Instant time;
  final Meter meter;
  private final List<NamedMemories> bound = new ArrayList<>();
  private final List<Runnable> commits = new ArrayList<>();
  private final List<Runnable> rollbacks = new ArrayList<>();

  Message(String what, Instant time, Meter meter) {
    this.what = what;
    this.time = time;
    this.meter = meter;
  }

  MessageScope scope(MemoryManager m, RuntimeMetadata metadata, Principal caller) {
    return new MessageScope(m, metadata, caller, time, what, meter);
  }

  CanisterContext bind(
      MemoryManager m, CanisterInstance target, RuntimeMetadata metadata, Principal caller) {
    return bind(scope(m, metadata, caller), target);
  }

  CanisterContext bind(MessageScope scope, CanisterInstance target) {
    target.memories.begin(scope);
    bound.add(target.memories);
    return new CanisterContext(scope, target.memories);
  }

  void onCommit(Runnable action) {
    commits.add(action);
  }

  void onRollback(Runnable action) {
    rollbacks.add(action);
  }

  void end(boolean committedNow) {
    for (NamedMemories memories : bound) {
      memories.end(committedNow);
    }
    for (Runnable action : committedNow ? commits : rollbacks) {
      action.run();
    }
  }
}
