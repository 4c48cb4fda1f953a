package dev.stablestructures.memory;

import dev.stablestructures.testing.TestRandom;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A separate process for {@link FileMemoryKillTest}: {@code <file> <seed>} runs transactions on a
 * default-durability file memory forever, printing {@code committed <n>} after each commit, until
 * it is killed. {@link #transaction} is the one definition of the workload, which the parent
 * replays on a heap memory to know every committed state.
 */
public final class FileMemoryKillWorkload {
  static final int MAX_PAGES = 10;

  private FileMemoryKillWorkload() {}

  /**
   * Runs the workload.
   *
   * @param args the file and the seed
   */
  public static void main(String[] args) {
    Path path = Path.of(args[0]);
    TestRandom r = new TestRandom(Long.parseLong(args[1]));
    try (FileMemory memory = FileMemory.open(path, MAX_PAGES)) {
      JournalModel model = new JournalModel();
      for (long n = 1; ; n++) {
        transaction(memory, model, r);
        System.out.println("committed " + n);
        System.out.flush();
      }
    }
  }

  /** One committed transaction: writes, a grow now and then, nested steps kept or rolled back. */
  static void transaction(Memory memory, JournalModel model, TestRandom r) {
    Journal journal = memory.journal();
    Deque<Journal.Step> steps = new ArrayDeque<>();
    Deque<JournalModel> saved = new ArrayDeque<>();
    steps.push(journal.step());
    saved.push(model.copy());
    int ops = 1 + (int) r.nextBelow(400);
    for (int i = 0; i < ops; i++) {
      int action = (int) r.nextBelow(20);
      if ((action == 0 || memory.size() == 0) && memory.size() < MAX_PAGES) {
        memory.grow(1);
        model.grow(1);
      } else if (action == 1 && steps.size() < 4) {
        steps.push(journal.step());
        saved.push(model.copy());
      } else if (action == 2 && steps.size() > 1) {
        steps.pop().close();
        model.rollBackTo(saved.pop());
      } else {
        JournalModel.randomWrite(r, memory, model, 2 * JournalModel.P);
      }
    }
    while (steps.size() > 1) {
      steps.pop().commit();
      saved.pop();
    }
    steps.pop().commit();
  }
}
