package dev.stablestructures.benchmarks.peers;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.memory.FileMemory;
import dev.stablestructures.memory.Memory;

/**
 * Our {@link StableBTreeMap} over any memory: a bare {@code FileMemory} or {@code HeapMemory}, or a
 * virtual memory of a {@code MemoryManager} over one. Writes go straight into the memory, so {@link
 * #commit} has nothing to do: on a file they are in the page cache at once, as a canister's writes
 * are in stable memory ({@code FileMemory.flush()} would force them to disk; no contender syncs).
 */
final class StableStore<K, V> extends NavigableMapStore<K, V> {
  private final FileMemory file;

  /**
   * A map in {@code memory}, opened or created.
   *
   * @param keys key type
   * @param values value type
   * @param memory where the map lives
   * @param file the file memory under {@code memory}, closed with the store; null on the heap
   */
  StableStore(ColumnType<K> keys, ColumnType<V> values, Memory memory, FileMemory file) {
    super(keys, values, StableBTreeMap.init(memory, keys.codec(), values.codec()));
    this.file = file;
  }

  @Override
  public void close() {
    if (file != null) {
      file.close();
    }
  }
}
