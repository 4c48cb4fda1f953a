package dev.stablestructures.minheap;

import static dev.stablestructures.minheap.TestHeaps.array;
import static dev.stablestructures.minheap.TestHeaps.assertInvariant;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.testing.TestRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Seeded random operations on a {@link StableMinHeap} and a {@link PriorityQueue} in lockstep
 * (push, pop, peek, iterator removal, removeIf, clear, reloads from memory), with the heap
 * invariant checked on every reload; the primitive path against the boxed one (same bytes); and the
 * whole image against an independent model of the crate's slot writes, stale bytes included. Sizes
 * scale with {@code stable.test.scale}: {@code ci} (default) or {@code full}.
 */
class StableMinHeapPropertyTest {
  private static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));
  private static final int SEEDS = FULL ? 12 : 3;
  private static final int STEPS = FULL ? 200_000 : 10_000;

  private static Stream<DynamicTest> seeds(String what, long base, LongTask task) {
    return LongStream.range(base, base + SEEDS)
        .mapToObj(seed -> DynamicTest.dynamicTest(what + " seed " + seed, () -> task.run(seed)));
  }

  private interface LongTask {
    void run(long seed);
  }

  @TestFactory
  Stream<DynamicTest> blobHeapBehavesLikePriorityQueue() {
    return seeds(
        "Blob<12>",
        100,
        seed ->
            againstModel(
                seed, Codecs.blob(12), r -> TestRandom.bytes((int) r.nextBelow(13), r.next())));
  }

  @TestFactory
  Stream<DynamicTest> stringHeapBehavesLikePriorityQueue() {
    return seeds(
        "BoundedString<16>",
        200,
        seed ->
            againstModel(
                seed,
                TestHeaps.boundedString(16),
                r -> TestRandom.letters((int) r.nextBelow(17), r.nextBelow(4))));
  }

  @TestFactory
  Stream<DynamicTest> u64HeapBehavesLikePriorityQueue() {
    return seeds(
        "u64", 300, seed -> againstModel(seed, Codecs.u64(), r -> r.next() >>> (r.next() & 63)));
  }

  private static <T> void againstModel(long seed, Codec<T> codec, Function<TestRandom, T> gen) {
    TestRandom r = new TestRandom(seed);
    HeapMemory memory = new HeapMemory();
    StableMinHeap<T> heap = StableMinHeap.init(memory, codec);
    PriorityQueue<T> model = new PriorityQueue<>(codec);
    for (int step = 0; step < STEPS; step++) {
      String where = "seed " + seed + " step " + step;
      int op = (int) r.nextBelow(100);
      if (op < 45) {
        T item = gen.apply(r);
        heap.push(item);
        model.add(item);
      } else if (op < 75) {
        assertSame(codec, model.poll(), heap.pop(), where + " pop");
      } else if (op < 85) {
        assertSame(codec, model.peek(), heap.peek(), where + " peek");
      } else if (op < 92 && !model.isEmpty()) {
        // Remove the k-th item in array order through the iterator.
        long k = r.nextBelow(heap.longSize());
        Iterator<T> it = heap.iterator();
        for (long i = 0; i < k; i++) {
          it.next();
        }
        T removed = it.next();
        it.remove();
        removeSame(codec, model, removed);
      } else if (op < 94) {
        // A removeIf that removes about a quarter: many iterator removals in one pass.
        long mod = 2 + r.nextBelow(6);
        Predicate<T> p = item -> Math.floorMod(Arrays.hashCode(codec.encode(item)), mod) == 0;
        assertEquals(model.removeIf(p), heap.removeIf(p), where + " removeIf");
      } else if (op < 95) {
        heap.clear();
        model.clear();
      } else if (op < 98) {
        heap = StableMinHeap.init(memory, codec);
      } else {
        assertInvariant(heap, where);
        assertSameContent(codec, model, array(heap), where);
      }
      assertEquals(model.size(), heap.longSize(), where + " size");
      if (step % 200 == 0) {
        StableMinHeap<T> reloaded = StableMinHeap.load(memory, codec);
        assertInvariant(reloaded, where + " reloaded");
        assertSameContent(codec, model, array(reloaded), where + " reloaded");
      }
    }
    assertInvariant(heap, "seed " + seed + " end");
    while (!model.isEmpty()) {
      assertSame(codec, model.poll(), heap.pop(), "seed " + seed + " draining");
    }
    assertTrue(heap.isEmpty());
  }

  /** Equal items of these codecs have equal bytes, so any equal item may come out first. */
  private static <T> void assertSame(Codec<T> codec, T expected, T actual, String where) {
    if (expected == null || actual == null) {
      assertEquals(expected, actual, where);
    } else {
      assertArrayEquals(codec.encode(expected), codec.encode(actual), where);
    }
  }

  private static <T> void removeSame(Codec<T> codec, PriorityQueue<T> model, T item) {
    byte[] bytes = codec.encode(item);
    for (Iterator<T> it = model.iterator(); it.hasNext(); ) {
      if (Arrays.equals(codec.encode(it.next()), bytes)) {
        it.remove();
        return;
      }
    }
    throw new AssertionError("removed an item the model does not hold");
  }

  private static <T> void assertSameContent(
      Codec<T> codec, PriorityQueue<T> model, List<T> stored, String where) {
    assertEquals(sortedBytes(codec, new ArrayList<>(model)), sortedBytes(codec, stored), where);
  }

  private static <T> List<String> sortedBytes(Codec<T> codec, List<T> items) {
    List<String> out = new ArrayList<>();
    for (T item : items) {
      out.add(Arrays.toString(codec.encode(item)));
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  @TestFactory
  Stream<DynamicTest> primitivePathWritesTheBoxedPathsBytes() {
    return Stream.concat(
        seeds("u64", 400, seed -> primitiveAgainstBoxed(seed, Codecs.u64())),
        seeds("i64", 500, seed -> primitiveAgainstBoxed(seed, Codecs.i64())));
  }

  private static void primitiveAgainstBoxed(long seed, Codec<Long> codec) {
    TestRandom r = new TestRandom(seed);
    HeapMemory boxedMemory = new HeapMemory();
    HeapMemory primitiveMemory = new HeapMemory();
    StableMinHeap<Long> boxed = StableMinHeap.init(boxedMemory, codec);
    StableMinHeap<Long> primitive = StableMinHeap.init(primitiveMemory, codec);
    PriorityQueue<Long> model = new PriorityQueue<>(codec);
    for (int step = 0; step < STEPS; step++) {
      String where = "seed " + seed + " step " + step;
      int op = (int) r.nextBelow(100);
      if (op < 50) {
        // Small ranges make ties; the full range crosses the sign bit.
        long item = r.nextBelow(2) == 0 ? r.nextBelow(50) - 25 : r.next();
        boxed.push(item);
        primitive.pushLong(item);
        model.add(item);
      } else if (op < 85) {
        Long expected = model.poll();
        assertEquals(expected, boxed.pop(), where);
        if (expected != null) {
          assertEquals(expected.longValue(), primitive.popLong(), where);
        }
      } else if (op < 99) {
        if (!model.isEmpty()) {
          assertEquals(model.peek().longValue(), primitive.peekLong(), where);
          assertEquals(model.peek(), boxed.peek(), where);
        }
      } else {
        boxed.clear();
        primitive.clear();
        model.clear();
      }
      if (step % 500 == 0) {
        assertArrayEquals(image(boxedMemory), image(primitiveMemory), where);
      }
    }
    assertArrayEquals(image(boxedMemory), image(primitiveMemory), "seed " + seed + " end");
    assertInvariant(StableMinHeap.load(primitiveMemory, codec), "seed " + seed + " end");
  }

  private static byte[] image(Memory memory) {
    return Memories.toByteArray(memory);
  }

  /**
   * The whole image against a model of the crate's writes on a byte array: {@code BaseVec}'s
   * header, {@code safe_write}'s page growth and {@code min_heap.rs}'s sifts, written from the
   * crate's source independently of {@link StableMinHeap}. Blob slots of 1 + 5 bytes with items of
   * 0 to 5 bytes make stale bytes everywhere.
   */
  @TestFactory
  Stream<DynamicTest> imageMatchesAModelOfTheCratesWrites() {
    return seeds("Blob<5>", 600, StableMinHeapPropertyTest::againstCrateModel);
  }

  private static void againstCrateModel(long seed) {
    TestRandom r = new TestRandom(seed);
    HeapMemory memory = new HeapMemory();
    StableMinHeap<byte[]> heap = StableMinHeap.init(memory, Codecs.blob(5));
    CrateModel model = new CrateModel(5);
    for (int step = 0; step < STEPS; step++) {
      int op = (int) r.nextBelow(100);
      if (op < 55) {
        byte[] item = TestRandom.bytes((int) r.nextBelow(6), r.nextBelow(8));
        heap.push(item);
        model.push(item);
      } else if (op < 99) {
        byte[] expected = model.pop();
        byte[] actual = heap.pop();
        if (expected == null) {
          assertEquals(null, actual);
        } else {
          assertArrayEquals(expected, actual);
        }
      } else {
        heap.clear();
        model.clear();
      }
      if (step % 100 == 0) {
        assertArrayEquals(model.image(), image(memory), "seed " + seed + " step " + step);
      }
    }
    assertArrayEquals(model.image(), image(memory), "seed " + seed + " end");
  }

  /** The crate's MinHeap over BaseVec for a {@code Blob<max>} (max at most 255), on a byte[]. */
  private static final class CrateModel {
    private final int max;
    private final int slot;
    private final List<byte[]> items = new ArrayList<>();
    private byte[] image = new byte[0];

    CrateModel(int max) {
      this.max = max;
      this.slot = max + 1;
      write(0, new byte[] {'S', 'M', 'H'});
      write(3, new byte[] {1});
      setLen();
      write(12, new byte[] {(byte) max, 0, 0, 0});
      write(16, new byte[] {0});
    }

    /** safe_write: grow by whole pages to the last byte, then write. */
    private void write(int offset, byte[] bytes) {
      int end = offset + bytes.length;
      if (end > image.length) {
        int pages = (end + Memory.PAGE_SIZE - 1) / Memory.PAGE_SIZE;
        image = Arrays.copyOf(image, pages * Memory.PAGE_SIZE);
      }
      System.arraycopy(bytes, 0, image, offset, bytes.length);
    }

    private void setLen() {
      byte[] len = new byte[8];
      long n = items.size();
      for (int i = 0; i < 8; i++) {
        len[i] = (byte) (n >>> (8 * i));
      }
      write(4, len);
    }

    private void set(int index, byte[] item) {
      assertTrue(item.length <= max);
      items.set(index, item);
      int offset = 64 + index * slot;
      write(offset, new byte[] {(byte) item.length});
      write(offset + 1, item);
    }

    private static boolean less(byte[] a, byte[] b) {
      return Arrays.compareUnsigned(a, b) < 0;
    }

    void push(byte[] item) {
      int offset = 64 + items.size() * slot;
      write(offset, new byte[] {(byte) item.length});
      write(offset + 1, item);
      items.add(item);
      setLen();
      int i = items.size() - 1;
      boolean swapped = false;
      while (i > 0) {
        int p = (i - 1) / 2;
        byte[] parent = items.get(p);
        if (less(item, parent)) {
          set(i, parent);
          swapped = true;
        } else {
          break;
        }
        i = p;
      }
      if (swapped) {
        set(i, item);
      }
    }

    byte[] pop() {
      int n = items.size();
      if (n == 0) {
        return null;
      }
      if (n == 1) {
        byte[] only = items.remove(0);
        setLen();
        return only;
      }
      byte[] smallest = items.get(0);
      byte[] last = items.remove(n - 1);
      setLen();
      set(0, last);
      int i = 0;
      int size = n - 1;
      boolean swapped = false;
      while (true) {
        int l = i * 2 + 1;
        int r = l + 1;
        if (size <= l) {
          break;
        }
        if (size <= r) {
          byte[] left = items.get(l);
          if (less(left, last)) {
            set(i, left);
            swapped = true;
            i = l;
            continue;
          }
        } else {
          byte[] left = items.get(l);
          byte[] right = items.get(r);
          int minIndex = less(left, right) ? l : r;
          byte[] min = less(left, right) ? left : right;
          if (less(min, last)) {
            set(i, min);
            swapped = true;
            i = minIndex;
            continue;
          }
        }
        break;
      }
      if (swapped) {
        set(i, last);
      }
      return smallest;
    }

    void clear() {
      items.clear();
      setLen();
    }

    byte[] image() {
      return image;
    }
  }
}
