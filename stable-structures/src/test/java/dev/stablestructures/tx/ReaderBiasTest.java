package dev.stablestructures.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The reader-bias fast path on its own: what a writer waits for, slot by slot. */
class ReaderBiasTest {
  /**
   * A thread that died inside a fast-path read section never released it; its slot must survive the
   * pruning of dead threads' slots, so a writer keeps waiting for it (as a writer waits for a
   * {@code ReentrantReadWriteLock} reader that died holding the lock) instead of writing under a
   * section that may still be reading. The test ends the section by hand to let the writer go.
   */
  @Test
  void aSectionLeftOpenByADeadThreadStillHoldsOffAWriter() throws Exception {
    ReaderBias bias = new ReaderBias();
    AtomicReference<ReaderBias.Slot> left = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              ReaderBias.Slot slot = bias.slot();
              assertTrue(bias.tryEnter(slot));
              left.set(slot);
            });
    reader.start();
    reader.join();
    ReaderBias.Slot dead = left.get();
    assertEquals(1, dead.depth);

    // Another thread's first use registers its slot, which prunes the dead threads' slots.
    Thread other = new Thread(bias::slot);
    other.start();
    other.join();

    CountDownLatch drained = new CountDownLatch(1);
    Thread writer =
        new Thread(
            () -> {
              bias.writerArrives();
              bias.drainReaders();
              drained.countDown();
              bias.writerLeaves();
            });
    writer.setDaemon(true);
    writer.start();
    assertFalse(
        drained.await(300, TimeUnit.MILLISECONDS),
        "the writer went ahead of a read section that was never closed");

    dead.depth = 0;
    assertTrue(drained.await(10, TimeUnit.SECONDS), "the writer did not see the section end");
    writer.join();
  }
}
