package dev.stablestructures.btreeset;

import dev.stablestructures.codec.Codec;
import dev.stablestructures.memory.HeapMemory;

/** How the set's tests get sets: on a fresh heap memory, and reopened from the same memory. */
final class TestSets {
  private TestSets() {}

  static <K> StableBTreeSet<K> newSet(Codec<K> keys) {
    return StableBTreeSet.init(new HeapMemory(), keys);
  }

  static <K> StableBTreeSet<K> reopen(StableBTreeSet<K> set) {
    return StableBTreeSet.load(set.memory(), set.keyCodec());
  }
}
