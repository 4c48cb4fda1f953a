package dev.stablestructures.btreemap;

import dev.stablestructures.codec.Codec;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memory;

/**
 * How tests get maps: one place that decides whether they run on the real tree or the fake, so
 * switching is a one-line change. Public so the set's tests (another package) can use it.
 */
public final class TestTrees {
  private TestTrees() {}

  /** A new, empty map on a fresh {@link HeapMemory}. */
  public static <K, V> StableBTreeMap<K, V> newMap(Codec<K> keys, Codec<V> values) {
    return StableBTreeMap.over(new FakeTree<>(new HeapMemory(), keys, values));
  }

  /** The same map as {@code map}, opened again from its memory (as after a restart). */
  @SuppressWarnings("unchecked")
  public static <K, V> StableBTreeMap<K, V> reopen(StableBTreeMap<K, V> map) {
    return StableBTreeMap.over(((FakeTree<K, V>) map.tree).reopen());
  }

  /** The memory of a map, for tests that inspect it. */
  public static Memory memoryOf(StableBTreeMap<?, ?> map) {
    return map.memory();
  }
}
