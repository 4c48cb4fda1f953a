package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/**
 * The {@link Memory} contract on a {@link JournaledMemory}, idle and while recording; a recording
 * one must roll back to all zeros after each test, whatever the test wrote.
 */
class JournaledMemoryContractTest {
  @Nested
  class Idle extends MemoryContractTest {
    @Override
    Memory create(long maxPages) {
      return new JournaledMemory(new HeapMemory(maxPages));
    }
  }

  @Nested
  class Recording extends MemoryContractTest {
    private final List<JournaledMemory> journals = new ArrayList<>();

    @Override
    Memory create(long maxPages) {
      JournaledMemory journal = new JournaledMemory(new HeapMemory(maxPages));
      journal.begin();
      journals.add(journal);
      return journal;
    }

    @AfterEach
    void rollbackRestoresZeros() {
      for (JournaledMemory journal : journals) {
        journal.rollback();
        assertArrayEquals(new byte[(int) journal.sizeInBytes()], Memories.toByteArray(journal));
      }
    }
  }
}
