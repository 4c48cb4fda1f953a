package dev.stablestructures.memory;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * A journal's {@link RollbackListener}s, weakly held in registration order: a structure that is no
 * longer used is collected and its entry dropped, so opening many short-lived structures on one
 * memory does not leak. Registration may come from any thread (opening a structure only reads), so
 * the list is guarded; the listeners themselves run outside the lock.
 */
final class RollbackListeners {
  private final List<WeakReference<RollbackListener>> refs = new ArrayList<>();

  /** Size at which cleared entries are dropped next: twice the live count after the last sweep. */
  private int sweepAt = 8;

  synchronized void add(RollbackListener listener) {
    if (refs.size() >= sweepAt) {
      sweep();
      sweepAt = Math.max(8, 2 * refs.size());
    }
    refs.add(new WeakReference<>(listener));
  }

  synchronized void remove(RollbackListener listener) {
    refs.removeIf(ref -> ref.get() == null || ref.get() == listener);
  }

  synchronized int size() {
    sweep();
    return refs.size();
  }

  /**
   * Runs every live listener, in registration order.
   *
   * @return the first exception a listener threw (the later ones suppressed in it), or null
   */
  RuntimeException fire() {
    List<RollbackListener> live = new ArrayList<>();
    synchronized (this) {
      sweep();
      for (WeakReference<RollbackListener> ref : refs) {
        RollbackListener listener = ref.get();
        if (listener != null) {
          live.add(listener);
        }
      }
    }
    RuntimeException first = null;
    for (RollbackListener listener : live) {
      try {
        listener.rolledBack();
      } catch (RuntimeException e) {
        first = Failures.add(first, e);
      }
    }
    return first;
  }

  private void sweep() {
    refs.removeIf(ref -> ref.get() == null);
  }
}
