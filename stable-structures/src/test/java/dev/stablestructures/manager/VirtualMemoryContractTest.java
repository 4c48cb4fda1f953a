package dev.stablestructures.manager;

import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.memory.MemoryContractTest;

/**
 * The {@link Memory} contract on a {@link VirtualMemory} with one-page buckets, so that the tests'
 * accesses around page boundaries straddle two buckets and take the split paths. The real memory
 * holds exactly the manager's page and {@code maxPages} buckets, so the virtual memory's grows are
 * refused where the contract expects.
 */
class VirtualMemoryContractTest extends MemoryContractTest {
  @Override
  protected Memory create(long maxPages) {
    return MemoryManager.init(new HeapMemory(1 + maxPages), 1).get(7);
  }
}
