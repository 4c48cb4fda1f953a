package dev.stablestructures.cli.inspect;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * {@code verify}'s progress bar (me.tongfei:progressbar) on standard error: the bytes the walks
 * have read out of the bytes the image's structures occupy, polled five times a second. Off, it
 * does nothing.
 */
final class Progress implements AutoCloseable {
  /** Images at least this large show the bar unless {@code --no-progress}. */
  static final long AUTO_BYTES = 64L << 20;

  private final ProgressBar bar;
  private final ScheduledExecutorService poller;
  private final ScheduledFuture<?> ticks;
  private final PrintWriter err;

  private Progress(
      ProgressBar bar, ScheduledExecutorService poller, ScheduledFuture<?> ticks, PrintWriter err) {
    this.bar = bar;
    this.poller = poller;
    this.ticks = ticks;
    this.err = err;
  }

  /** A bar over {@code total} bytes, polling {@code done}; or nothing if {@code show} is false. */
  static Progress start(boolean show, PrintWriter err, long total, LongSupplier done) {
    if (!show) {
      return new Progress(null, null, null, err);
    }
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName("verify")
            .setInitialMax(Math.max(1, total))
            .setUnit(" MiB", 1L << 20)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(200)
            .setConsumer(
                new DelegatingProgressBarConsumer(
                    line -> {
                      err.print('\r');
                      err.print(line);
                      err.flush();
                    },
                    100))
            .build();
    ScheduledExecutorService poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "verify-progress");
              t.setDaemon(true);
              return t;
            });
    ScheduledFuture<?> ticks =
        poller.scheduleAtFixedRate(
            () -> bar.stepTo(Math.min(done.getAsLong(), bar.getMax())),
            0,
            200,
            TimeUnit.MILLISECONDS);
    return new Progress(bar, poller, ticks, err);
  }

  @Override
  public void close() {
    if (bar != null) {
      ticks.cancel(false);
      poller.shutdownNow();
      bar.stepTo(bar.getMax());
      bar.close();
      err.println();
      err.flush();
    }
  }
}
