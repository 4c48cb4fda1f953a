package dev.stablestructures.memory;

/**
 * The {@link Memory} contract on a {@link RestrictedMemory} window that starts 3 pages into an
 * empty heap memory, so its first grow takes the crate's "grow the base up to start" path.
 */
class RestrictedMemoryContractTest extends MemoryContractTest {
  @Override
  Memory create(long maxPages) {
    return new RestrictedMemory(new HeapMemory(), 3, 3 + maxPages);
  }
}
