package dev.stablestructures.btreeset;

import dev.stablestructures.btreemap.TestTrees;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;

/** How the set's tests get sets; follows {@link TestTrees}. */
final class TestSets {
  private TestSets() {}

  static <K> StableBTreeSet<K> newSet(Codec<K> keys) {
    return StableBTreeSet.over(TestTrees.newMap(keys, Codecs.unit()));
  }

  static <K> StableBTreeSet<K> reopen(StableBTreeSet<K> set) {
    return StableBTreeSet.over(TestTrees.reopen(set.asMap()));
  }
}
