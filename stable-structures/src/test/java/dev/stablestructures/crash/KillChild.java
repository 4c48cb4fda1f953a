package dev.stablestructures.crash;

import dev.stablestructures.memory.FileMemory;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The process the kill test kills: opens the file, creates or loads every structure, prints {@code
 * ready}, then performs ops {@code first, first + 1, ..., last} of the workload and prints {@code
 * committed i} after op {@code i} has returned (committed, or rolled back on purpose). After op
 * {@code last} it prints {@code idle} and waits, the file still open, to be killed: the kill tests
 * give a {@code last} so far away that the kill always comes first; the harness's control run gives
 * a near one and kills only after {@code idle}, between two ops.
 *
 * <p>Each line is one {@code write} to the stdout pipe, made after the op's writes to the mapped
 * file: once the parent has read {@code committed i}, op {@code i}'s writes are in the page cache,
 * which a killed process cannot lose. (The parent drains the pipe while the child runs, and reads
 * what is left after the kill.) The child also stops, at once, when its standard input closes, so
 * it never outlives a parent that died.
 *
 * <p>Arguments: the file, the seed, the {@link Mode} name, the first op index, the last op index.
 */
public final class KillChild {
  private KillChild() {}

  /**
   * Runs the workload until killed.
   *
   * @param args the file, the seed, the mode, the first and the last op index
   * @throws IOException if stdout fails
   * @throws InterruptedException never: the wait after the last op ends only by the kill
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    Path path = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    Mode mode = Mode.valueOf(args[2]);
    long first = Long.parseLong(args[3]);
    long last = Long.parseLong(args[4]);
    watchParent();
    Workload workload = new Workload(seed, mode);
    FileOutputStream out = new FileOutputStream(FileDescriptor.out);
    try (FileMemory file = FileMemory.open(path)) {
      Stores stores = Stores.init(file);
      out.write(line("ready"));
      for (long i = first; i <= last; i++) {
        Op op = workload.op(i);
        try {
          mode.commit(file, () -> perform(op, stores));
        } catch (Mode.PlannedAbort expected) {
          // The transaction rolled back: op i is done and, by design, left nothing.
        }
        out.write(line("committed " + i));
      }
      out.write(line("idle"));
      Thread.currentThread().join(); // until the kill, or the watcher's halt
    }
  }

  private static void perform(Op op, Stores stores) {
    for (Step step : op.steps()) {
      step.applyTo(stores);
    }
    if (op.aborts()) {
      throw new Mode.PlannedAbort(op.index());
    }
  }

  private static byte[] line(String text) {
    return (text + "\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static void watchParent() {
    Thread watcher =
        new Thread(
            () -> {
              try {
                InputStream in = System.in;
                while (in.read() >= 0) {
                  // The parent sends nothing; only the end of the stream matters.
                }
              } catch (IOException e) {
                // A broken pipe means the same as the end: the parent is gone.
              }
              Runtime.getRuntime().halt(3);
            },
            "parent-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }
}
