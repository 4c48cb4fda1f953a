package dev.stablestructures.vectors;

import dev.stablestructures.StableStructureException;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.minheap.StableMinHeap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/** The compatibility script of {@link StableMinHeap}: {@code minheap-u64}. */
public final class MinHeapVectorScripts {
  /** {@code minheap-u64}: n times {@code push(next() % (10n))}; n/2 times {@code pop()}. */
  public static final VectorScript MINHEAP_U64 = new MinHeapU64();

  private MinHeapVectorScripts() {}

  /**
   * Returns the heap's scripts, for {@link VectorScripts}.
   *
   * @return the scripts
   */
  public static List<VectorScript> all() {
    return List.of(MINHEAP_U64);
  }

  private static final class MinHeapU64 implements VectorScript {
    private static final String NAME = "minheap-u64";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public List<String> images() {
      return List.of(NAME);
    }

    @Override
    public void replayInto(long seed, int n, List<Memory> memories) {
      Memory memory = memories.get(0);
      StableMinHeap<Long> heap = StableMinHeap.init(memory, Codecs.u64());
      SplitMix64 random = new SplitMix64(seed);
      long modulus = 10L * n;
      for (int i = 0; i < n; i++) {
        heap.pushLong(random.nextBelow(modulus));
      }
      for (int i = 0; i < n / 2; i++) {
        heap.popLong();
      }
    }

    @Override
    public List<String> check(long seed, int n, Map<String, Memory> images) {
      Memory memory = images.get(NAME);
      if (memory == null) {
        return List.of("image " + NAME + " is missing.");
      }
      List<Long> stored = new ArrayList<>();
      try {
        StableMinHeap<Long> heap = StableMinHeap.load(memory, Codecs.u64());
        for (Long item : heap) {
          stored.add(item);
        }
      } catch (StableStructureException e) {
        return List.of(NAME + " does not open as a StableMinHeap<u64>: " + e.getMessage());
      }
      List<String> differences = new ArrayList<>();
      // 1. The multiset of items, from java.util.PriorityQueue.
      List<Long> expectedSorted = sortedModel(seed, n);
      List<Long> storedSorted = new ArrayList<>(stored);
      storedSorted.sort(Long::compareUnsigned);
      if (!storedSorted.equals(expectedSorted)) {
        differences.add(
            NAME
                + " holds other items than a PriorityQueue after the same script: "
                + storedSorted.size()
                + " items, expected "
                + expectedSorted.size()
                + firstDifference(storedSorted, expectedSorted)
                + ".");
      }
      // 2. The heap invariant.
      for (int i = 1; i < stored.size(); i++) {
        int parent = (i - 1) / 2;
        if (Long.compareUnsigned(stored.get(i), stored.get(parent)) < 0) {
          differences.add(
              NAME
                  + " breaks the heap invariant: entry "
                  + i
                  + " ("
                  + Long.toUnsignedString(stored.get(i))
                  + ") is less than its parent "
                  + parent
                  + " ("
                  + Long.toUnsignedString(stored.get(parent))
                  + ").");
          break;
        }
      }
      // 3. The array order of the crate's algorithm, replayed on a plain array.
      List<Long> expectedArray = arrayModel(seed, n);
      differences.addAll(
          Mismatches.compareSequences(
              NAME + " item",
              expectedArray,
              stored.size(),
              i -> stored.get((int) (long) i),
              Long::equals,
              Long::toUnsignedString));
      return differences;
    }

    private static String firstDifference(List<Long> found, List<Long> expected) {
      for (int i = 0; i < Math.min(found.size(), expected.size()); i++) {
        if (!found.get(i).equals(expected.get(i))) {
          return "; the "
              + i
              + "th smallest is "
              + Long.toUnsignedString(found.get(i))
              + ", expected "
              + Long.toUnsignedString(expected.get(i));
        }
      }
      return "";
    }

    /** The items the script leaves, in ascending order, from a {@link PriorityQueue}. */
    private static List<Long> sortedModel(long seed, int n) {
      PriorityQueue<Long> queue = new PriorityQueue<>(Long::compareUnsigned);
      SplitMix64 random = new SplitMix64(seed);
      for (int i = 0; i < n; i++) {
        queue.add(random.nextBelow(10L * n));
      }
      for (int i = 0; i < n / 2; i++) {
        queue.poll();
      }
      List<Long> sorted = new ArrayList<>(queue.size());
      while (!queue.isEmpty()) {
        sorted.add(queue.poll());
      }
      return sorted;
    }

    /**
     * The array the crate leaves: its {@code bubble_up} and {@code bubble_down} on a {@code
     * long[]}, written from {@code min_heap.rs} independently of {@link StableMinHeap}.
     */
    private static List<Long> arrayModel(long seed, int n) {
      long[] a = new long[n];
      int len = 0;
      SplitMix64 random = new SplitMix64(seed);
      for (int k = 0; k < n; k++) {
        long item = random.nextBelow(10L * n);
        int i = len++;
        while (i > 0 && Long.compareUnsigned(item, a[(i - 1) / 2]) < 0) {
          a[i] = a[(i - 1) / 2];
          i = (i - 1) / 2;
        }
        a[i] = item;
      }
      for (int k = 0; k < n / 2 && len > 0; k++) {
        long last = a[--len];
        int i = 0;
        while (true) {
          int l = 2 * i + 1;
          int r = l + 1;
          if (l >= len) {
            break;
          }
          int m = r < len && !(Long.compareUnsigned(a[l], a[r]) < 0) ? r : l;
          if (!(Long.compareUnsigned(a[m], last) < 0)) {
            break;
          }
          a[i] = a[m];
          i = m;
        }
        if (len > 0) {
          a[i] = last;
        }
      }
      List<Long> array = new ArrayList<>(len);
      for (long v : Arrays.copyOf(a, len)) {
        array.add(v);
      }
      return array;
    }
  }
}
