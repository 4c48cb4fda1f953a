package dev.stablestructures.fuzz;

import static dev.stablestructures.fuzz.FuzzMemories.attempt;
import static dev.stablestructures.fuzz.FuzzMemories.walk;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.U64Codec;
import dev.stablestructures.memory.Memory;
import java.util.Map;
import java.util.Objects;

/**
 * The first operations on a loaded B-tree map, shared by the map and set targets: each one on its
 * own, so a typed error in one still lets the next run on what is left.
 */
final class MapOps {
  private MapOps() {}

  /**
   * Loads the map in {@code memory} and runs the read and write operations on it.
   *
   * @param memory the fuzzed memory
   * @param keys the key codec
   * @param values the value codec
   * @param key a key to look up, insert and remove
   * @param value a value to insert
   * @param <K> key type
   * @param <V> value type
   */
  static <K, V> void exercise(Memory memory, Codec<K> keys, Codec<V> values, K key, V value) {
    StableBTreeMap<K, V> map;
    try {
      map = StableBTreeMap.load(memory, keys, values);
    } catch (dev.stablestructures.StableStructureException expected) {
      return;
    }
    attempt(() -> map.get(key));
    attempt(() -> map.containsKey(key));
    attempt(map::longSize);
    attempt(() -> touch(map.firstEntry()));
    attempt(() -> touch(map.lastEntry()));
    attempt(() -> walkEntries(map, memory));
    attempt(() -> walk(map.descendingMap().keySet().iterator(), memory));
    attempt(() -> walkForEach(map, memory));
    if (keys instanceof U64Codec && values instanceof U64Codec) {
      @SuppressWarnings("unchecked")
      StableBTreeMap<Long, Long> longs = (StableBTreeMap<Long, Long>) map;
      attempt(() -> walkForEachLong(longs, memory));
    }
    attempt(map::stats);
    attempt(map::verify);
    attempt(() -> map.insert(key, value));
    attempt(() -> map.remove(key));
    attempt(
        () -> {
          Map.Entry<K, V> first = map.firstEntry();
          if (first != null) {
            map.remove(first.getKey());
            map.insert(first.getKey(), value);
          }
        });
    attempt(() -> touch(map.popFirst()));
    attempt(() -> touch(map.popLast()));
    attempt(map::verify);
  }

  /** Decodes a possibly lazy entry's key and value; the hash only keeps both reads. */
  private static int touch(Map.Entry<?, ?> entry) {
    return entry == null ? 0 : Objects.hash(entry.getKey(), entry.getValue());
  }

  /** Walks every entry by {@code forEach} (leaf runs), bounded by the memory's size. */
  private static void walkForEach(StableBTreeMap<?, ?> map, Memory memory) {
    long limit = memory.size() * Memory.PAGE_SIZE;
    long[] n = {0};
    map.forEach(
        (k, v) -> {
          if (++n[0] > limit) {
            throw new AssertionError("forEach yielded more than " + limit + " entries");
          }
        });
  }

  /** Walks every entry by the primitive {@code forEachLong}, bounded by the memory's size. */
  private static void walkForEachLong(StableBTreeMap<Long, Long> map, Memory memory) {
    long limit = memory.size() * Memory.PAGE_SIZE;
    long[] n = {0};
    map.forEachLong(
        (k, v) -> {
          if (++n[0] > limit) {
            throw new AssertionError("forEachLong yielded more than " + limit + " entries");
          }
        });
  }

  /** Walks every entry with its value decoded, bounded by the memory's size. */
  private static void walkEntries(StableBTreeMap<?, ?> map, Memory memory) {
    long limit = memory.size() * Memory.PAGE_SIZE;
    long n = 0;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      touch(e);
      if (++n > limit) {
        throw new AssertionError("a walk yielded more than " + limit + " entries from " + memory);
      }
    }
  }
}
