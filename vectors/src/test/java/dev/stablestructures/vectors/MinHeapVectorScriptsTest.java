package dev.stablestructures.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.minheap.StableMinHeap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code minheap-u64} against the crate's published image, beyond the generic {@code
 * VectorScriptsTest}: registration, the boxed path writing the same bytes, and a check that notices
 * each kind of damage.
 */
class MinHeapVectorScriptsTest {
  private static final String NAME = "minheap-u64";
  private static final VectorScript SCRIPT = MinHeapVectorScripts.MINHEAP_U64;

  @Test
  void isRegistered() {
    assertSame(SCRIPT, VectorScripts.byName(NAME).orElseThrow());
    assertTrue(VectorScripts.all().contains(SCRIPT));
    assertEquals(List.of(NAME), SCRIPT.images());
  }

  @Test
  void replayWritesThePublishedBytes() {
    byte[] published = PublishedVectors.read(NAME);
    assertEquals(PublishedVectors.manifest().get(NAME + ".bin.gz"), (long) published.length);
    byte[] ours =
        Memories.toByteArray(SCRIPT.replay(PublishedVectors.SEED, PublishedVectors.N).get(NAME));
    assertArrayEquals(published, ours);
    assertEquals(2500, HeapMemory.of(published).readLongLE(4), "n - n/2 items left");
  }

  /** The same script through push/pop (boxed, generic sifts) writes the same bytes. */
  @Test
  void boxedPathWritesThePublishedBytes() {
    HeapMemory memory = new HeapMemory();
    StableMinHeap<Long> heap = StableMinHeap.init(memory, Codecs.u64());
    SplitMix64 random = new SplitMix64(PublishedVectors.SEED);
    int n = PublishedVectors.N;
    for (int i = 0; i < n; i++) {
      heap.push(random.nextBelow(10L * n));
    }
    for (int i = 0; i < n / 2; i++) {
      heap.pop();
    }
    assertArrayEquals(PublishedVectors.read(NAME), Memories.toByteArray(memory));
  }

  @Test
  void checkAcceptsThePublishedImageAndDoesNotWrite() {
    byte[] published = PublishedVectors.read(NAME);
    HeapMemory memory = HeapMemory.of(published);
    assertEquals(
        List.of(), SCRIPT.check(PublishedVectors.SEED, PublishedVectors.N, Map.of(NAME, memory)));
    assertArrayEquals(published, Memories.toByteArray(memory));
  }

  @Test
  void checkNoticesEachKindOfDamage() {
    byte[] published = PublishedVectors.read(NAME);
    // Two sibling leaves swapped: same items, invariant kept, but not the crate's array order.
    HeapMemory swapped = HeapMemory.of(published);
    long left = swapped.readLongBE(64 + 8 * 2497);
    long right = swapped.readLongBE(64 + 8 * 2498);
    assertTrue(left != right);
    swapped.writeLongBE(64 + 8 * 2497, right);
    swapped.writeLongBE(64 + 8 * 2498, left);
    List<String> order = check(swapped);
    assertEquals(
        List.of(
            "first mismatch at minheap-u64 item 2497: found " + right + ", expected " + left + ".",
            "2 of 2500 minheap-u64 items differ in all."),
        order);

    // Root and a leaf swapped: the invariant breaks too.
    HeapMemory inverted = HeapMemory.of(published);
    long root = inverted.readLongBE(64);
    long leaf = inverted.readLongBE(64 + 8 * 2499);
    inverted.writeLongBE(64, leaf);
    inverted.writeLongBE(64 + 8 * 2499, root);
    assertTrue(check(inverted).stream().anyMatch(s -> s.contains("heap invariant")));

    // An item changed: the multiset differs.
    HeapMemory changed = HeapMemory.of(published);
    changed.writeLongBE(64 + 8 * 2499, 1L << 40);
    assertTrue(check(changed).stream().anyMatch(s -> s.contains("other items")));

    // One item fewer.
    HeapMemory shorter = HeapMemory.of(published);
    shorter.writeLongLE(4, 2499);
    assertTrue(check(shorter).stream().anyMatch(s -> s.contains("count is 2499")));

    // Not a heap at all.
    HeapMemory vec = HeapMemory.of(published);
    vec.write(0, new byte[] {'S', 'V', 'C'});
    List<String> foreign = check(vec);
    assertEquals(1, foreign.size());
    assertTrue(foreign.get(0).contains("'SVC' (a StableVec)"), foreign.toString());
    assertEquals(
        List.of("image minheap-u64 is missing."),
        SCRIPT.check(PublishedVectors.SEED, PublishedVectors.N, Map.of()));
  }

  private static List<String> check(Memory memory) {
    return SCRIPT.check(PublishedVectors.SEED, PublishedVectors.N, Map.of(NAME, memory));
  }

  @Test
  void otherSeedsAndSizesReplayAndCheck() {
    long[][] runs = {{0, 0}, {1, 1}, {2, 2}, {3, 3}, {9, 17}, {-1, 1000}, {123, 20_000}};
    for (long[] run : runs) {
      Map<String, Memory> written = SCRIPT.replay(run[0], (int) run[1]);
      assertEquals(List.of(), SCRIPT.check(run[0], (int) run[1], written), "seed " + run[0]);
      if (run[1] >= 17) {
        assertFalse(SCRIPT.check(run[0] + 1, (int) run[1], written).isEmpty(), "seed " + run[0]);
      }
    }
  }
}
