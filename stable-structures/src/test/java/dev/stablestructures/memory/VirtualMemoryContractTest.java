package dev.stablestructures.memory;

import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.manager.VirtualMemory;

/**
 * The {@link Memory} contract on the manager's {@link VirtualMemory}, with one-page buckets so that
 * the tests' accesses around page boundaries straddle two buckets and take the split paths. The
 * real memory holds exactly the manager's page and {@code maxPages} buckets, so the virtual
 * memory's grows are refused where the contract expects. (It lives with the contract: the module
 * opens only the packages of the tests being run to JUnit.)
 */
class VirtualMemoryContractTest extends MemoryContractTest {
  @Override
  Memory create(long maxPages) {
    return MemoryManager.init(new HeapMemory(1 + maxPages), 1).get(7);
  }
}
