package dev.stablestructures.crash;

import dev.stablestructures.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One {@link KillChild} process, seen from the parent: a thread drains its output (so the child
 * never blocks on a full pipe), remembers the last {@code committed i}, and keeps the last lines of
 * anything else (a stack trace) for the failure message.
 *
 * <p>{@link #kill} sends SIGKILL through {@link ProcessHandle#destroyForcibly()}, which on Linux is
 * {@code kill(pid, SIGKILL)}, and checks that the exit status is 137 (128 + 9, the JDK's status for
 * "ended by signal 9"), which proves the child was SIGKILLed and did not exit by itself. Not {@link
 * Process#destroyForcibly()}: it sends the same signal but then closes the parent's end of the
 * child's stdout, throwing away the {@code committed} lines still in the pipe, so the parent would
 * believe fewer ops committed than did (the first version of this harness saw files "ahead" of
 * their reports by up to a hundred ops that way).
 */
final class ChildRun {
  /** The status {@link Process#exitValue()} gives for a process ended by SIGKILL. */
  static final int SIGKILL_STATUS = 128 + 9;

  private static final long TIMEOUT_SECONDS = 120;
  private static final int TAIL_LINES = 40;

  private final Process process;
  private final Thread reader;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final CountDownLatch idle = new CountDownLatch(1);
  private final ArrayDeque<String> tail = new ArrayDeque<>();
  private volatile long lastCommitted;

  private ChildRun(Process process, long first) {
    this.process = process;
    this.lastCommitted = first - 1;
    this.reader = new Thread(this::drain, "kill-child-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts a child on {@code file} that continues the workload at op {@code first}.
   *
   * @param file the image
   * @param seed the workload's seed
   * @param mode the commit mode
   * @param first the first op the child performs
   * @param last the last op it performs before it waits to be killed
   * @return the running child
   * @throws IOException if the JVM cannot be started
   */
  static ChildRun start(Path file, long seed, Mode mode, long first, long last) throws IOException {
    Process process =
        ChildJvm.start(
            KillChild.class,
            "256m",
            file.toString(),
            Long.toString(seed),
            mode.name(),
            Long.toString(first),
            Long.toString(last));
    return new ChildRun(process, first);
  }

  /**
   * Waits for {@code ready}: the structures are open, and ops are about to start.
   *
   * @throws InterruptedException if interrupted
   * @throws ChildFailedException if the child ended instead
   * @throws IllegalStateException if it stayed silent too long
   */
  void awaitReady() throws InterruptedException, ChildFailedException {
    await(ready, "ready");
  }

  /**
   * Waits for {@code idle}: the child performed its last op and is waiting to be killed.
   *
   * @throws InterruptedException if interrupted
   * @throws ChildFailedException if the child ended instead
   * @throws IllegalStateException if it stayed silent too long
   */
  void awaitIdle() throws InterruptedException, ChildFailedException {
    await(idle, "idle");
  }

  private void await(CountDownLatch latch, String what)
      throws InterruptedException, ChildFailedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (!latch.await(20, TimeUnit.MILLISECONDS)) {
      if (!process.isAlive()) {
        reader.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        throw new ChildFailedException(process.exitValue(), tail());
      }
      if (System.nanoTime() > deadline) {
        process.toHandle().destroyForcibly();
        throw new IllegalStateException(
            "the child never printed '" + what + "' in " + TIMEOUT_SECONDS + " s:\n" + tail());
      }
    }
  }

  /**
   * Kills the child with SIGKILL and waits until it is gone and its output is read.
   *
   * @return the last op the child reported committed ({@code first - 1} for none)
   * @throws InterruptedException if interrupted
   * @throws ChildFailedException if the child had already ended by itself
   * @throws IllegalStateException if it did not end by SIGKILL
   */
  long kill() throws InterruptedException, ChildFailedException {
    boolean aliveAtKill = process.isAlive();
    process.toHandle().destroyForcibly(); // SIGKILL, leaving the pipe to be read to its end
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the child did not die within " + TIMEOUT_SECONDS + " s");
    }
    reader.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
    int status = process.exitValue();
    if (!aliveAtKill) {
      throw new ChildFailedException(status, tail());
    }
    if (status != SIGKILL_STATUS) {
      throw new IllegalStateException(
          "the killed child exited with status "
              + status
              + ", not "
              + SIGKILL_STATUS
              + " (SIGKILL); its output:\n"
              + tail());
    }
    return lastCommitted;
  }

  private void drain() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("committed ")) {
          lastCommitted = Long.parseLong(line.substring("committed ".length()));
        } else if (line.equals("ready")) {
          ready.countDown();
        } else if (line.equals("idle")) {
          idle.countDown();
        } else {
          remember(line);
        }
      }
    } catch (IOException | NumberFormatException e) {
      remember("(reading the child's output failed: " + e + ")");
    }
  }

  private void remember(String line) {
    synchronized (tail) {
      if (tail.size() == TAIL_LINES) {
        tail.removeFirst();
      }
      tail.addLast(line);
    }
  }

  private String tail() {
    synchronized (tail) {
      return String.join("\n", tail);
    }
  }
}
