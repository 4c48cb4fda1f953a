package dev.stablestructures.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.ConcurrentWriteException;
import dev.stablestructures.testing.TestRandom;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two threads writing to structures of one journal without a lock: a thread's write while the
 * other's transaction (or single operation) is open fails with {@link ConcurrentWriteException} and
 * changes nothing, so the image and every structure always agree with the writes that succeeded.
 */
class StructureThreadsTest {
  static final int OPS = "full".equals(System.getProperty("stable.test.scale")) ? 20_000 : 1500;

  @TempDir Path dir;
  private TestStores.Store store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private static Thread start(Runnable body, AtomicReference<Throwable> failure) {
    Thread thread =
        new Thread(
            () -> {
              try {
                body.run();
              } catch (Throwable t) {
                failure.compareAndSet(null, t);
              }
            });
    thread.start();
    return thread;
  }

  /** While one thread's transaction is open, every mutator of every structure refuses another. */
  @ParameterizedTest
  @EnumSource(TestStores.class)
  void anotherThreadsWritesAreRefusedWhileATransactionIsOpen(TestStores kind) throws Exception {
    store = kind.open(dir);
    TestWorld world = TestWorld.create(store::memory);
    TestWorld.Model model = new TestWorld.Model();
    TestRandom rng = new TestRandom(21);
    world.fillEach(model);
    try (Transaction tx = Transactions.begin(store.memory(TestWorld.MAP))) {
      for (int i = 0; i < 50; i++) {
        world.randomOp(model, rng);
      }
      byte[] inside = store.image();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Runnable> writes =
          List.of(
              () -> world.map.put(3L, "other"),
              () -> world.map.remove(1_000L),
              () -> world.set.add(3L),
              () -> world.vec.push(new byte[] {9}),
              () -> world.vec.set(0, new byte[] {9}),
              () -> world.vec.pop(),
              () -> world.cell.set("other"),
              () -> world.log.append("other"),
              () -> world.log.clear(),
              () -> world.heap.push(3L),
              () -> world.heap.pushLong(3L),
              () -> world.heap.pop());
      AtomicLong refused = new AtomicLong();
      start(
              () -> {
                for (Runnable write : writes) {
                  try {
                    write.run();
                  } catch (ConcurrentWriteException expected) {
                    refused.incrementAndGet();
                  }
                }
              },
              failure)
          .join();
      if (failure.get() != null) {
        throw new AssertionError("the other thread failed otherwise", failure.get());
      }
      assertEquals(writes.size(), refused.get(), "every write of the other thread was refused");
      StructureTransactionsTest.assertImageRestored(inside, store.image(), kind + " refused");
      world.assertMatches(model, "after the refused writes");
      for (int i = 0; i < 50; i++) {
        world.randomOp(model, rng);
      }
      tx.commit();
    }
    world.assertMatches(model, "committed");
    TestWorld.load(store::memory).assertMatches(model, "reloaded");
  }

  /**
   * Two threads, each on its own structures of one journal, each operation its own transaction:
   * they collide at random; a refused operation is skipped. Whatever the interleaving, every
   * structure and the image agree with the operations that succeeded.
   */
  @ParameterizedTest
  @EnumSource(TestStores.class)
  void racingSingleOperationTransactionsNeverBreakTheImage(TestStores kind) throws Exception {
    store = kind.open(dir);
    TestWorld world = TestWorld.create(store::memory);
    TestWorld.Model model = new TestWorld.Model();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicLong refused = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    int[][] structures = {{0, 1}, {2, 3, 4, 5}};
    for (int t = 0; t < structures.length; t++) {
      int[] mine = structures[t];
      TestRandom rng = new TestRandom(22 + t);
      threads.add(
          start(
              () -> {
                for (int i = 0; i < OPS; i++) {
                  try {
                    world.randomOp(model, rng, mine[(int) rng.nextBelow(mine.length)]);
                  } catch (ConcurrentWriteException collided) {
                    refused.incrementAndGet();
                  }
                }
              },
              failure));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure.get() != null) {
      throw new AssertionError("a thread failed otherwise", failure.get());
    }
    assertTrue(!store.memory(0).journal().inTransaction(), "no transaction left open");
    world.assertMatches(model, "after the race (" + refused.get() + " refused)");
    TestWorld.load(store::memory).assertMatches(model, "reloaded");
  }
}
