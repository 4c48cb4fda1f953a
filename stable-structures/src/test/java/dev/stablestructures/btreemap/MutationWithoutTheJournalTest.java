package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stablestructures.codec.Codecs;
import dev.stablestructures.testing.HeapWrapper;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Mutation}'s bracket with the undo journal turned off (only to measure what the journal
 * costs): writes still move the epochs, and a failed call leaves the tree and its allocator as the
 * image says, or says why it could not read the image.
 */
class MutationWithoutTheJournalTest {
  /**
   * A heap memory whose write at one offset fails once, writing nothing, and which can then refuse
   * every read (a memory that went away).
   */
  static final class BrokenMemory extends HeapWrapper {
    long failWriteAt = -1;
    boolean unreadableAfterTheFailure;
    private boolean unreadable;

    @Override
    public void write(long offset, byte[] src, int srcOffset, int length) {
      if (offset == failWriteAt) {
        failWriteAt = -1;
        unreadable = unreadableAfterTheFailure;
        throw new IllegalStateException("write refused at " + offset);
      }
      super.write(offset, src, srcOffset, length);
    }

    @Override
    public void read(long offset, byte[] dst, int dstOffset, int length) {
      if (unreadable) {
        throw new IllegalStateException("the memory is gone");
      }
      super.read(offset, dst, dstOffset, length);
    }
  }

  private static BTree<Long, Long> unjournaled(BrokenMemory memory) {
    BTree<Long, Long> tree = BTreeFactory.create(memory, Codecs.u64(), Codecs.u64());
    tree.setAtomic(false);
    return tree;
  }

  @Test
  void writesStillMoveTheEpochsSoIteratorsSeeThem() {
    BTree<Long, Long> tree = unjournaled(new BrokenMemory());
    for (long i = 0; i < 100; i += 2) {
      tree.insert(i, i);
    }
    Iterator<Map.Entry<Long, Long>> overwritten = tree.iterator(null, true, null, true, false);
    overwritten.next();
    tree.insert(2L, 20L);
    assertEquals(20L, overwritten.next().getValue(), "an overwrite is seen");
    Iterator<Map.Entry<Long, Long>> changed = tree.iterator(null, true, null, true, false);
    changed.next();
    tree.insert(1L, 1L);
    assertThrows(ConcurrentModificationException.class, changed::hasNext, "a new key fails fast");
  }

  @Test
  void aFailedWriteOfTheAllocatorsHeaderLeavesItsFieldsAsTheImageSays() {
    BrokenMemory memory = new BrokenMemory();
    BTree<Long, Long> tree = unjournaled(memory);
    // The first insert allocates the root: both chunk headers are written, the allocator's fields
    // move, and then the write of its header fails.
    memory.failWriteAt = BTreeHeader.ALLOCATOR_OFFSET;
    assertThrows(IllegalStateException.class, () -> tree.insert(1L, 1L));
    BTree<Long, Long> reloaded = BTreeFactory.load(memory, Codecs.u64(), Codecs.u64());
    assertEquals(reloaded.stats(), tree.stats());
    assertEquals(0, tree.stats().allocatedChunks());
  }

  @Test
  void aFailureWhoseImageCannotBeReadAgainCarriesThatReadsFailure() {
    BrokenMemory memory = new BrokenMemory();
    BTree<Long, Long> tree = unjournaled(memory);
    memory.failWriteAt = BTreeHeader.ALLOCATOR_OFFSET;
    memory.unreadableAfterTheFailure = true;
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> tree.insert(1L, 1L));
    assertEquals(1, e.getSuppressed().length, "the reload's failure");
    assertEquals("the memory is gone", e.getSuppressed()[0].getMessage());
  }
}
