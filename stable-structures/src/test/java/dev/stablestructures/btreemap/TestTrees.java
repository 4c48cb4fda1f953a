package dev.stablestructures.btreemap;

import dev.stablestructures.codec.Codec;
import dev.stablestructures.memory.HeapMemory;

/** How tests get maps: on a fresh {@link HeapMemory}, and reopened from the same memory. */
public final class TestTrees {
  private TestTrees() {}

  /** A new, empty map on a fresh heap memory. */
  public static <K, V> StableBTreeMap<K, V> newMap(Codec<K> keys, Codec<V> values) {
    return StableBTreeMap.init(new HeapMemory(), keys, values);
  }

  /** The same map as {@code map}, loaded again from its memory (as after a restart). */
  public static <K, V> StableBTreeMap<K, V> reopen(StableBTreeMap<K, V> map) {
    return StableBTreeMap.load(map.memory(), map.keyCodec(), map.valueCodec());
  }
}
