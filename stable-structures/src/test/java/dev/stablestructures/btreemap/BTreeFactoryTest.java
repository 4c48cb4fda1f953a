package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stablestructures.GrowFailedException;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Journal;
import dev.stablestructures.memory.JournaledMemory;
import org.junit.jupiter.api.Test;

/**
 * {@link BTreeFactory}'s creation as one step of the user's journal (found by mutation testing).
 */
class BTreeFactoryTest {
  /**
   * A memory with a journal of its own takes the creation as one of its steps: when the creation
   * fails (here the memory cannot grow to its first page), the step is ended, and the journal is
   * left with no step open, as before the call.
   */
  @Test
  void aCreationThatFailsLeavesTheUsersJournalWithNoStepOpen() {
    JournaledMemory memory = new JournaledMemory(new HeapMemory(0));
    Journal journal = memory.journal();
    assertEquals(0, journal.depth());
    assertThrows(
        GrowFailedException.class, () -> BTreeFactory.create(memory, Codecs.u64(), Codecs.u64()));
    assertEquals(0, journal.depth());
    assertFalse(journal.inTransaction());
    assertEquals(0, memory.size());
  }
}
