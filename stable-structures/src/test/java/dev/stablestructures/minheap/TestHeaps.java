package dev.stablestructures.minheap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.codec.Bound;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the heap tests. */
final class TestHeaps {
  private TestHeaps() {}

  /** The items in array (heap) order, read through the iterator. */
  static <T> List<T> array(StableMinHeap<T> heap) {
    List<T> items = new ArrayList<>();
    for (T item : heap) {
      items.add(item);
    }
    return items;
  }

  /** Fails unless every entry is at least its parent in the codec's order. */
  static <T> void assertInvariant(StableMinHeap<T> heap, String where) {
    List<T> items = array(heap);
    Codec<T> codec = heap.codec();
    for (int i = 1; i < items.size(); i++) {
      int parent = (i - 1) / 2;
      assertTrue(
          codec.compare(items.get(parent), items.get(i)) <= 0,
          where + ": entry " + i + " is less than its parent " + parent + " in " + items);
    }
  }

  /**
   * A bounded String codec (UTF-8, at most {@code max} bytes, not fixed-size): Strings have equals.
   */
  static Codec<String> boundedString(int max) {
    Bound bound = Bound.bounded(max, false);
    return new Codec<>() {
      @Override
      public Bound bound() {
        return bound;
      }

      @Override
      public byte[] encode(String value) {
        return Codecs.string().encode(value);
      }

      @Override
      public String decode(byte[] bytes, int offset, int length) {
        return Codecs.string().decode(bytes, offset, length);
      }

      @Override
      public int compare(String a, String b) {
        return Codecs.string().compare(a, b);
      }

      @Override
      public String toString() {
        return "BoundedString<" + max + ">";
      }
    };
  }
}
