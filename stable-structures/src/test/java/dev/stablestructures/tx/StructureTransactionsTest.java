package dev.stablestructures.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.BoundExceededException;
import dev.stablestructures.GrowFailedException;
import dev.stablestructures.testing.TestRandom;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every structure on one journal, in user transactions, on heap and file memory, with and without a
 * memory manager ({@link TestStores}): a rolled-back transaction leaves every structure equal to
 * its model and the image byte for byte as before (grown pages stay, zero), a committed one keeps
 * everything across a reopen, a savepoint and a failed operation roll back alone, and open
 * iterators fail fast after a rollback.
 */
@SuppressWarnings("try") // transactions opened to be rolled back by close()
class StructureTransactionsTest {
  static final int OPS = "full".equals(System.getProperty("stable.test.scale")) ? 3000 : 300;

  @TempDir Path dir;
  private TestStores.Store store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  /** A store with a world after {@link #OPS} single-operation transactions, each structure set. */
  private TestWorld world(TestStores kind, TestWorld.Model model, TestRandom rng) {
    store = kind.open(dir);
    TestWorld world = TestWorld.create(store::memory);
    for (int i = 0; i < OPS; i++) {
      world.randomOp(model, rng);
    }
    world.fillEach(model);
    world.assertMatches(model, "filled");
    return world;
  }

  /** The memory transactions are opened on: any memory of the store answers its journal. */
  private dev.stablestructures.memory.Memory txMemory() {
    return store.memory(TestWorld.MAP);
  }

  /** The image equals the one before, but for zero pages grown since; same digest if no grow. */
  static void assertImageRestored(byte[] before, byte[] after, String at) {
    assertTrue(after.length >= before.length, at + ": the memory shrank");
    int mismatch = Arrays.mismatch(before, 0, before.length, after, 0, before.length);
    assertEquals(-1, mismatch, at + ": the image changed, first at byte " + mismatch);
    for (int i = before.length; i < after.length; i++) {
      if (after[i] != 0) {
        throw new AssertionError(at + ": byte " + i + " of a grown page is not zero");
      }
    }
    if (after.length == before.length) {
      assertEquals(sha256(before), sha256(after), at + ": digest");
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** The structures as a later opening finds them in the image agree with the model. */
  private void assertReloadMatches(TestWorld.Model model, String at) {
    TestWorld.load(store::memory).assertMatches(model, at + " (reloaded)");
  }

  @ParameterizedTest
  @EnumSource(TestStores.class)
  void aRolledBackTransactionLeavesEveryStructureAndTheImageAsBefore(TestStores kind) {
    TestWorld.Model model = new TestWorld.Model();
    TestRandom rng = new TestRandom(11);
    TestWorld world = world(kind, model, rng);
    byte[] before = store.image();
    List<Iterator<?>> its = world.openIterators();
    TestWorld.Model inside = model.copy();
    try (Transaction tx = Transactions.begin(txMemory())) {
      for (int i = 0; i < OPS; i++) {
        world.randomOp(inside, rng);
      }
      world.assertMatches(inside, "inside the transaction");
    }
    assertImageRestored(before, store.image(), kind + " rollback");
    world.assertMatches(model, "after the rollback");
    TestWorld.assertAllFailFast(its, "after the rollback");
    assertReloadMatches(model, "after the rollback");
    for (int i = 0; i < OPS; i++) {
      world.randomOp(model, rng);
    }
    world.assertMatches(model, "used again");
    assertReloadMatches(model, "used again");
  }

  @ParameterizedTest
  @EnumSource(TestStores.class)
  void aCommittedTransactionKeepsEverythingAcrossAReopen(TestStores kind) {
    TestWorld.Model model = new TestWorld.Model();
    TestRandom rng = new TestRandom(12);
    TestWorld world = world(kind, model, rng);
    List<Iterator<?>> its = world.openIterators();
    try (Transaction tx = Transactions.begin(txMemory())) {
      for (int i = 0; i < OPS; i++) {
        world.randomOp(model, rng);
      }
      tx.commit();
    }
    world.assertMatches(model, "committed");
    assertFalse(txMemory().journal().inTransaction());
    store = store.reopen();
    TestWorld reopened = TestWorld.load(store::memory);
    reopened.assertMatches(model, "reopened");
    assertEquals(5, its.size());
  }

  @ParameterizedTest
  @EnumSource(TestStores.class)
  void anExceptionInsideRunRollsBackEveryStructure(TestStores kind) {
    TestWorld.Model model = new TestWorld.Model();
    TestRandom rng = new TestRandom(13);
    TestWorld world = world(kind, model, rng);
    byte[] before = store.image();
    TestWorld.Model inside = model.copy();
    IllegalStateException boom =
        assertThrows(
            IllegalStateException.class,
            () ->
                Transactions.run(
                    txMemory(),
                    () -> {
                      for (int i = 0; i < OPS; i++) {
                        world.randomOp(inside, rng);
                      }
                      throw new IllegalStateException("boom");
                    }));
    assertEquals("boom", boom.getMessage());
    assertImageRestored(before, store.image(), kind + " run");
    world.assertMatches(model, "after run threw");
    assertReloadMatches(model, "after run threw");
  }

  @ParameterizedTest
  @EnumSource(TestStores.class)
  void aRolledBackSavepointReloadsEveryStructureAndTheTransactionGoesOn(TestStores kind) {
    TestWorld.Model model = new TestWorld.Model();
    TestRandom rng = new TestRandom(14);
    TestWorld world = world(kind, model, rng);
    try (Transaction tx = Transactions.begin(txMemory())) {
      for (int i = 0; i < OPS / 3; i++) {
        world.randomOp(model, rng);
      }
      world.fillEach(model);
      byte[] atSavepoint = store.image();
      List<Iterator<?>> its = world.openIterators();
      TestWorld.Model scratch = model.copy();
      try (Transaction savepoint = Transactions.begin(txMemory())) {
        assertFalse(savepoint.isTopLevel());
        for (int i = 0; i < OPS / 3; i++) {
          world.randomOp(scratch, rng);
        }
      }
      assertImageRestored(atSavepoint, store.image(), kind + " savepoint");
      world.assertMatches(model, "after the savepoint's rollback");
      TestWorld.assertAllFailFast(its, "after the savepoint's rollback");
      for (int i = 0; i < OPS / 3; i++) {
        world.randomOp(model, rng);
      }
      tx.commit();
    }
    world.assertMatches(model, "committed");
    assertReloadMatches(model, "committed");
  }

  /**
   * Inside a transaction, operations fail: a value over the vector's bound, a map overwrite whose
   * value codec throws after the tree was written, log appends and big map inserts until a grow is
   * refused. Each rolls back alone; the transaction goes on and commits the rest.
   */
  @ParameterizedTest
  @EnumSource(TestStores.class)
  void aFailedOperationInsideATransactionRollsBackAloneAndTheRestCommits(TestStores kind) {
    TestWorld.Model model = new TestWorld.Model();
    TestRandom rng = new TestRandom(15);
    TestWorld world = world(kind, model, rng);
    try (Transaction tx = Transactions.begin(txMemory())) {
      for (int i = 0; i < OPS / 3; i++) {
        world.randomOp(model, rng);
      }
      byte[] tooLong = new byte[TestWorld.VEC_BOUND + 1];
      assertThrows(BoundExceededException.class, () -> world.vec.push(tooLong));
      world.assertMatches(model, "after a value over its bound");

      world.map.put(1_000L, "kept");
      model.map.put(1_000L, "kept");
      byte[] beforeTrap = store.image();
      world.values.armed = true;
      try {
        assertThrows(IllegalStateException.class, () -> world.map.put(1_000L, "overwritten"));
      } finally {
        world.values.armed = false;
      }
      assertImageRestored(beforeTrap, store.image(), kind + " trapped overwrite");
      world.assertMatches(model, "after a codec threw");

      int refused = 0;
      for (int i = 0; refused == 0; i++) {
        assertTrue(i < 1000, "the log never filled its memory");
        String entry = TestRandom.letters(60_000, i);
        byte[] before = store.image();
        try {
          world.log.append(entry);
          model.log.add(entry);
        } catch (GrowFailedException e) {
          refused++;
          assertImageRestored(before, store.image(), kind + " refused append");
        }
      }
      for (int i = 0; refused < 2; i++) {
        assertTrue(i < 5000, "the map never filled its memory");
        String value = TestRandom.letters(3000, i);
        byte[] before = store.image();
        try {
          world.map.put(5_000L + i, value);
          model.map.put(5_000L + i, value);
        } catch (GrowFailedException e) {
          refused++;
          assertImageRestored(before, store.image(), kind + " refused insert");
        }
      }
      world.assertMatches(model, "after refused grows");
      for (int i = 0; i < OPS / 3; i++) {
        try {
          world.randomOp(model, rng);
        } catch (GrowFailedException full) {
          // the memory is full now: that operation rolled back alone, the model skipped it
        }
      }
      tx.commit();
    }
    world.assertMatches(model, "committed");
    assertReloadMatches(model, "committed");
    store = store.reopen();
    TestWorld.load(store::memory).assertMatches(model, "reopened");
  }

  /**
   * Structures created inside a transaction that rolls back are gone from the image: the objects
   * turn empty and refuse writes, and the memories take new structures.
   */
  @ParameterizedTest
  @EnumSource(
      value = TestStores.class,
      names = {"HEAP_MANAGER", "FILE_MANAGER", "PLAIN_MANAGER"})
  void structuresCreatedInARolledBackTransactionAreGoneAndRefuseWrites(TestStores kind) {
    store = kind.open(dir);
    int base = 10; // memories the world does not use
    TestWorld created;
    try (Transaction tx = Transactions.begin(txMemory())) {
      created = TestWorld.create(id -> store.memory(base + id));
      created.fillEach(new TestWorld.Model());
      created.cell.set("gone");
    }
    for (int id = 0; id < TestWorld.MEMORIES; id++) {
      assertEquals(0, store.memory(base + id).size(), "memory " + (base + id));
    }
    TestWorld gone = created;
    assertTrue(gone.map.isEmpty());
    assertThrows(IllegalStateException.class, () -> gone.map.put(1L, "x"));
    assertTrue(gone.set.isEmpty());
    assertThrows(IllegalStateException.class, () -> gone.set.add(1L));
    assertEquals(0, gone.vec.size());
    assertThrows(IllegalStateException.class, () -> gone.vec.push(new byte[1]));
    assertThrows(IllegalStateException.class, gone.cell::get);
    assertEquals(0, gone.log.longSize());
    assertThrows(IllegalStateException.class, () -> gone.log.append("x"));
    assertEquals(0, gone.heap.size());
    assertThrows(IllegalStateException.class, () -> gone.heap.push(1L));
    TestWorld.Model model = new TestWorld.Model();
    TestWorld again = TestWorld.create(id -> store.memory(base + id));
    again.fillEach(model);
    again.assertMatches(model, "created again");
    TestWorld.load(id -> store.memory(base + id)).assertMatches(model, "reloaded");
  }

  /** A memory manager created inside a rolled-back transaction is gone, and refuses to grow. */
  @ParameterizedTest
  @EnumSource(
      value = TestStores.class,
      names = {"HEAP_MANAGER", "FILE_MANAGER"})
  void aManagerCreatedInARolledBackTransactionIsGone(TestStores kind) {
    store = kind.open(dir); // a manager over the root already: use a fresh root instead
    store.close();
    dev.stablestructures.memory.Memory root =
        kind.isFile()
            ? dev.stablestructures.memory.FileMemory.open(dir.resolve("fresh.bin"))
            : new dev.stablestructures.memory.HeapMemory();
    try {
      dev.stablestructures.manager.MemoryManager manager;
      dev.stablestructures.vec.StableVec<Long> vec;
      try (Transaction tx = Transactions.begin(root)) {
        manager = dev.stablestructures.manager.MemoryManager.init(root);
        vec =
            dev.stablestructures.vec.StableVec.init(
                manager.get(0), dev.stablestructures.codec.Codecs.u64());
        vec.pushLong(5);
      }
      byte[] image = dev.stablestructures.memory.Memories.toByteArray(root);
      for (byte b : image) {
        assertEquals(0, b, "the rolled-back image holds only zeros");
      }
      assertEquals(0, manager.get(0).size());
      assertThrows(IllegalStateException.class, () -> manager.get(1).grow(1));
      assertEquals(0, vec.size());
      dev.stablestructures.vec.StableVec<Long> gone = vec;
      assertThrows(IllegalStateException.class, () -> gone.pushLong(6));
    } finally {
      if (root instanceof dev.stablestructures.memory.FileMemory f) {
        f.close();
      }
    }
  }
}
