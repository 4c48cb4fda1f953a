package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.GrowFailedException;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.testing.TestRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The lookup cache of internal nodes never changes an answer or a stored byte: trees with the
 * default cache, a tiny colliding cache and no cache are driven through the same random operations,
 * checked against a TreeMap after each, and end with identical images.
 */
class InternalNodeCacheTest {
  static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));

  @Test
  void cachedAndUncachedTreesAgreeWithTheModelThroughWritesClearsAndPops() {
    runAgainstModel(Codecs.u64(), Long::compareUnsigned, 1);
  }

  @Test
  void signedKeysSearchInSignedOrder() {
    // i64 keys are searched as primitives with the sign bit flipped; negatives must sort first.
    runAgainstModel(Codecs.i64(), Long::compare, 2);
  }

  private static void runAgainstModel(
      Codec<Long> keys, java.util.Comparator<Long> order, long seed) {
    TestRandom rng = new TestRandom(seed);
    List<HeapMemory> memories = List.of(new HeapMemory(), new HeapMemory(), new HeapMemory());
    List<BTree<Long, Long>> trees = new ArrayList<>();
    for (HeapMemory memory : memories) {
      trees.add(BTreeFactory.init(memory, keys, Codecs.u64()));
    }
    trees.get(1).setCachedNodes(16);
    trees.get(2).setCachedNodes(0);
    assertEquals(BTree.DEFAULT_CACHED_NODES, trees.get(0).cachedNodes());
    assertEquals(16, trees.get(1).cachedNodes());
    assertEquals(0, trees.get(2).cachedNodes());
    TreeMap<Long, Long> model = new TreeMap<>(order);
    List<Long> known = new ArrayList<>();
    int ops = FULL ? 400_000 : 40_000;
    for (int op = 0; op < ops; op++) {
      int kind = (int) rng.nextBelow(100);
      long key = known.isEmpty() || rng.nextBelow(2) == 0 ? rng.next() : pick(rng, known);
      long value = rng.next();
      for (BTree<Long, Long> tree : trees) {
        String at = "op " + op + " cache " + tree.cachedNodes();
        if (kind < 55) {
          assertEquals(model.get(key), tree.insert(key, value), at);
        } else if (kind < 75) {
          assertEquals(model.get(key), tree.remove(key), at);
        } else if (kind < 77) {
          assertEntry(model.firstEntry(), tree.popFirst(), at);
        } else if (kind < 79) {
          assertEntry(model.lastEntry(), tree.popLast(), at);
        } else if (op == ops / 3) {
          tree.clearNew();
        }
      }
      if (kind < 55) {
        model.put(key, value);
        known.add(key);
      } else if (kind < 75) {
        model.remove(key);
      } else if (kind < 77) {
        model.pollFirstEntry();
      } else if (kind < 79) {
        model.pollLastEntry();
      } else if (op == ops / 3) {
        model.clear();
        known.clear();
      }
      // Lookups fill the caches between the writes.
      for (int i = 0; i < 4; i++) {
        long probe = i % 2 == 0 && !known.isEmpty() ? pick(rng, known) : rng.next();
        for (BTree<Long, Long> tree : trees) {
          String at = "op " + op + " cache " + tree.cachedNodes() + " get " + probe;
          assertEquals(model.get(probe), tree.get(probe), at);
          assertEquals(model.containsKey(probe), tree.containsKey(probe), at);
        }
      }
      if (op % 5000 == 0) {
        for (Map.Entry<Long, Long> e : model.entrySet()) {
          for (BTree<Long, Long> tree : trees) {
            assertEquals(e.getValue(), tree.get(e.getKey()));
          }
        }
      }
    }
    assertTrue(model.size() > 1000, "the tree grew past a few levels: " + model.size());
    byte[] image = Memories.toByteArray(memories.get(2));
    assertArrayEquals(image, Memories.toByteArray(memories.get(0)));
    assertArrayEquals(image, Memories.toByteArray(memories.get(1)));
  }

  private static long pick(TestRandom rng, List<Long> known) {
    return known.get((int) rng.nextBelow(known.size()));
  }

  private static void assertEntry(
      Map.Entry<Long, Long> expected, Map.Entry<Long, Long> actual, String at) {
    if (expected == null) {
      assertEquals(null, actual, at);
      return;
    }
    assertEquals(expected.getKey(), actual.getKey(), at);
    assertEquals(expected.getValue(), actual.getValue(), at);
  }

  @Test
  void aRolledBackInsertLeavesNoStaleCacheEntry() {
    // Grows fail often: inserts that split nodes roll back after lookups have filled the cache.
    BTreeAtomicityTest.FlakyMemory memory =
        new BTreeAtomicityTest.FlakyMemory(new HeapMemory(), 3, 0);
    BTree<Long, Long> tree = BTreeFactory.init(memory, Codecs.u64(), Codecs.u64());
    TreeMap<Long, Long> model = new TreeMap<>(Long::compareUnsigned);
    TestRandom rng = new TestRandom(4);
    for (int i = 0; i < 5000; i++) {
      long k = rng.next();
      tree.insert(k, k);
      model.put(k, k);
    }
    memory.failPerMille = 1000; // every grow is refused from now on
    int failures = 0;
    for (int op = 0; op < 20_000; op++) {
      for (int i = 0; i < 3; i++) {
        long probe = model.isEmpty() || i == 0 ? rng.next() : model.ceilingKey(rng.next());
        if (probe == 0) {
          continue;
        }
        assertEquals(model.get(probe), tree.get(probe), "op " + op);
      }
      long k = rng.next();
      try {
        if (op % 3 == 2 && !model.isEmpty()) {
          Long victim = model.ceilingKey(k) == null ? model.firstKey() : model.ceilingKey(k);
          assertEquals(model.get(victim), tree.remove(victim));
          model.remove(victim);
        } else {
          tree.insert(k, ~k);
          model.put(k, ~k);
        }
      } catch (GrowFailedException e) {
        failures++;
      }
    }
    assertTrue(failures > 10, "grows were refused: " + failures);
    for (Map.Entry<Long, Long> e : model.entrySet()) {
      assertEquals(e.getValue(), tree.get(e.getKey()));
    }
    assertEquals(model.size(), tree.size());
  }

  /**
   * Every cached node is a live internal node of the tree: merges free nodes, and a root that loses
   * its last entry is freed, while lookups keep filling the cache between the removals.
   */
  @Test
  void theCacheHoldsOnlyLiveNodesThroughMergesAndFrees() {
    BTree<Long, Long> tree = BTreeFactory.init(new HeapMemory(), Codecs.u64(), Codecs.u64());
    TestRandom rng = new TestRandom(9);
    List<Long> keys = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      long k = rng.next();
      tree.insert(k, k);
      keys.add(k);
    }
    java.util.Collections.shuffle(keys, new java.util.Random(9));
    for (int i = 0; i < keys.size(); i++) {
      switch (i % 4) {
        case 0 -> tree.popFirst();
        case 1 -> tree.popLast();
        default -> tree.remove(keys.get(i));
      }
      for (int j = 0; j < 4; j++) {
        tree.get(keys.get((int) rng.nextBelow(keys.size())));
      }
      if (i % 97 == 0) {
        java.util.Set<Long> live = new java.util.HashSet<>();
        collectInternal(tree, tree.rootAddress(), live);
        long[] cachedNodes = tree.nodeCache().addresses();
        assertEquals(!live.isEmpty(), cachedNodes.length > 0, "after " + i + ": lookups fill it");
        for (long cached : cachedNodes) {
          assertTrue(live.contains(cached), "after " + i + " removals: " + cached + " is cached");
        }
      }
    }
    while (tree.popLast() != null) {
      assertTrue(tree.size() >= 0);
    }
    assertEquals(0, tree.nodeCache().addresses().length, "nothing is cached in an empty tree");
  }

  private static void collectInternal(
      BTree<Long, Long> tree, long address, java.util.Set<Long> out) {
    if (address == 0) {
      return;
    }
    Node node = tree.loadNode(address);
    if (!node.leaf) {
      out.add(address);
      for (int i = 0; i < node.childCount; i++) {
        collectInternal(tree, node.children[i], out);
      }
    }
  }

  /**
   * Threads fill and search a 16-slot cache at once, over thousands of internal nodes that collide
   * in its slots all the time: every answer the cache gives must be the node's own (a search that
   * meets a slot being refilled reads the node from memory instead).
   */
  @Test
  void concurrentFillersNeverServeATornNode() throws InterruptedException {
    BTree<Long, Long> tree = BTreeFactory.init(new HeapMemory(), Codecs.u64(), Codecs.u64());
    TestRandom rng = new TestRandom(21);
    for (int i = 0; i < 100_000; i++) {
      long k = rng.next();
      tree.insert(k, k);
    }
    java.util.Set<Long> internal = new java.util.HashSet<>();
    collectInternal(tree, tree.rootAddress(), internal);
    long[] nodes = internal.stream().mapToLong(Long::longValue).toArray();
    InternalNodeCache cache = new InternalNodeCache(16);
    cache.fit(1 << 20);
    java.util.concurrent.ConcurrentLinkedQueue<Throwable> failures =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    java.util.concurrent.atomic.AtomicLong hits = new java.util.concurrent.atomic.AtomicLong();
    long deadline = System.nanoTime() + (FULL ? 10_000 : 1_000) * 1_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      long seed = t;
      Thread thread =
          new Thread(
              () -> {
                try {
                  Cursor cursor = tree.cursor();
                  TestRandom r = new TestRandom(seed);
                  long n = 0;
                  while (System.nanoTime() < deadline && failures.isEmpty()) {
                    long address = nodes[(int) r.nextBelow(nodes.length)];
                    cursor.open(address);
                    cache.offer(cursor, 0);
                    for (int i = 0; i < 4; i++) {
                      long probe = i == 0 ? cursor.storedLong(0) : r.next();
                      long got = cache.descend(address, probe, false);
                      if (got == InternalNodeCache.MISS) {
                        continue;
                      }
                      n++;
                      int index = cursor.searchLong(probe);
                      long expected =
                          index >= 0 ? InternalNodeCache.FOUND : cursor.child(-index - 1);
                      assertEquals(expected, got, "node " + address + " probe " + probe);
                    }
                  }
                  hits.addAndGet(n);
                } catch (Throwable e) {
                  failures.add(e);
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(failures.peek());
    }
    assertTrue(hits.get() > 10_000, "only " + hits + " cache hits");
  }

  /**
   * What the cache is for: once the upper levels are cached, a lookup reads fewer nodes from memory
   * than the same lookup without the cache. The cache is resized after the inserts, so a cache set
   * on an existing tree is sized for it at once.
   */
  @Test
  void aWarmCacheSavesReadsOfTheUpperLevels() {
    AllocatorTest.CountingReads memory = new AllocatorTest.CountingReads();
    BTree<Long, Long> tree = BTreeFactory.init(memory, Codecs.u64(), Codecs.u64());
    for (long i = 0; i < 5000; i++) {
      tree.insert(i * 7919 % 5003, i);
    }
    long[] reads = new long[2];
    for (int cached : new int[] {0, 1}) {
      tree.setCachedNodes(cached == 0 ? 0 : 1024);
      for (long i = 0; i < 5000; i++) {
        tree.get(i * 7919 % 5003); // warms the cache
      }
      memory.reads = 0;
      for (long i = 0; i < 5000; i++) {
        assertEquals(i, tree.get(i * 7919 % 5003));
      }
      reads[cached] = memory.reads;
    }
    assertTrue(reads[1] * 3 < reads[0] * 2, reads[1] + " reads cached, " + reads[0] + " without");
  }

  /**
   * A lookup caches a full internal node (only an insert splits one); an insert of a key that node
   * holds then learns from the cache that the child is full, before searching it, and steps back to
   * the parent, whose walk must still find the key there and answer its old value.
   */
  @Test
  void anInsertOfAKeyInACachedFullNodeAnswersItsOldValue() {
    NodeImageBuilder b = new NodeImageBuilder();
    long[] fullKeys = new long[Node.CAPACITY];
    long[] leaves = new long[Node.CAPACITY + 1];
    for (int i = 0; i <= Node.CAPACITY; i++) {
      leaves[i] = b.leaf(100L * i + 1, Node.B - 1);
      if (i < Node.CAPACITY) {
        fullKeys[i] = 100L * (i + 1);
      }
    }
    long full = b.internal(fullKeys, leaves);
    long right = b.internal(new long[] {1_300}, b.leaf(1_201, Node.B - 1), b.leaf(1_301, 1));
    long root = b.internal(new long[] {1_200}, full, right);
    HeapMemory memory = b.finish(root);
    BTree<Long, Long> tree = BTreeFactory.load(memory, Codecs.u64(), Codecs.u64());
    assertEquals(1_101L, tree.get(1_101L)); // root, the full node, its last leaf
    List<Long> cached =
        java.util.stream.LongStream.of(tree.nodeCache().addresses()).boxed().toList();
    assertTrue(cached.containsAll(List.of(root, full)), "the lookup cached both: " + cached);
    long size = tree.size();
    assertEquals(500L, tree.insert(500L, -1L), "the old value of a key of the full node");
    assertEquals(-1L, tree.get(500L));
    assertEquals(size, tree.size(), "an overwrite adds no entry");
  }

  @Test
  void onlyLongKeyedTreesHaveACacheAndItsSizeIsChecked() {
    BTree<String, Long> strings =
        BTreeFactory.init(new HeapMemory(), Codecs.string(), Codecs.u64());
    assertEquals(0, strings.cachedNodes());
    strings.setCachedNodes(1024);
    assertEquals(0, strings.cachedNodes(), "string keys are not searched as longs");
    BTree<Long, Long> longs = BTreeFactory.init(new HeapMemory(), Codecs.u64(), Codecs.u64());
    longs.setCachedNodes(1000);
    assertEquals(512, longs.cachedNodes(), "rounded down to a power of two");
    longs.setCachedNodes(3);
    assertEquals(16, longs.cachedNodes(), "at least 16");
    assertThrows(IllegalArgumentException.class, () -> longs.setCachedNodes(-1));
    assertThrows(IllegalArgumentException.class, () -> new InternalNodeCache(100));
    assertThrows(IllegalArgumentException.class, () -> new InternalNodeCache(8));
  }
}
