package dev.stablestructures.log;

import dev.stablestructures.memory.Journal;
import dev.stablestructures.memory.JournaledMemory;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.memory.RollbackListener;

/**
 * The journal steps around one {@link StableLog} operation. The log's two memories usually share a
 * journal (two virtual memories of one manager); then an operation is one step. When they do not,
 * it is a step on each, nested: the index step outside, the data step inside. The data step commits
 * first, so if the index's commit fails, what stays is entry bytes past the last entry, which are
 * never read; the count, the commit point of an append, is in the index. Allocation-free, like the
 * journal's own step form; the log is not reentrant, so the inner token lives in a field.
 */
final class LogSteps {
  private final Journal index;

  /** The data memory's journal, or null if it is the index's. */
  private final Journal data;

  private long dataStep;

  LogSteps(Memory indexWrites, Memory dataWrites) {
    this.index = indexWrites.journal();
    Journal other = dataWrites.journal();
    this.data = other == index ? null : other;
  }

  /** The memory itself if it has a journal, else a journaled wrapper of it. */
  static Memory journaled(Memory memory) {
    return memory.journal() != null ? memory : new JournaledMemory(memory);
  }

  /** Opens the step(s); returns the index step's token. */
  long begin() {
    long step = index.beginStep();
    if (data != null) {
      try {
        dataStep = data.beginStep();
      } catch (RuntimeException | Error e) {
        index.endStep(step);
        throw e;
      }
    }
    return step;
  }

  void commit(long step) {
    if (data != null) {
      data.commitStep(dataStep);
    }
    index.commitStep(step);
  }

  /** Rolls back whatever was not committed. */
  void end(long step) {
    try {
      if (data != null) {
        data.endStep(dataStep);
      }
    } finally {
      index.endStep(step);
    }
  }

  /** Registers a reload with each journal. */
  void addRollbackListener(RollbackListener listener) {
    index.addRollbackListener(listener);
    if (data != null) {
      data.addRollbackListener(listener);
    }
  }
}
