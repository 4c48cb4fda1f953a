package dev.stablestructures.btreemap;

import static dev.stablestructures.testing.VerifyChecks.clean;
import static dev.stablestructures.testing.VerifyChecks.finds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.VerifyReport;
import dev.stablestructures.btreeset.StableBTreeSet;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.testing.TestRandom;
import dev.stablestructures.testing.VectorFiles;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link StableBTreeMap#verify()}: the crate's published images and random workloads verify clean,
 * and each kind of damage, made in a copy of a sound image, gives its finding at its address while
 * verify leaves every byte as it was.
 */
class BTreeVerifierTest {
  private static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));

  // ---------------------------------------------------------------- sound images

  @Test
  void publishedImagesVerifyClean() {
    HeapMemory u64 = HeapMemory.of(VectorFiles.published("btreemap-u64-u64"));
    StableBTreeMap<Long, Long> a = StableBTreeMap.load(u64, Codecs.u64(), Codecs.u64());
    VerifyReport report = clean(a::verify, u64);
    assertEquals(a.longSize(), report.count(VerifyReport.ENTRIES));
    assertEquals(a.stats().nodes(), report.count(VerifyReport.NODES));
    assertEquals(a.stats().depth(), report.count(VerifyReport.DEPTH));
    assertEquals(a.stats().freeChunks(), report.count(VerifyReport.FREE_CHUNKS));
    assertEquals(a.stats().bytesUsed(), report.count(VerifyReport.BYTES_USED));

    HeapMemory strings = HeapMemory.of(VectorFiles.published("btreemap-string-bytes"));
    StableBTreeMap<String, byte[]> b =
        StableBTreeMap.load(strings, Codecs.string(), Codecs.bytes());
    report = clean(b::verify, strings);
    assertEquals(b.stats().overflowPages(), report.count(VerifyReport.OVERFLOW_PAGES));
    assertTrue(report.count(VerifyReport.OVERFLOW_PAGES) > 0, report::toString);

    HeapMemory v1 = HeapMemory.of(VectorFiles.published("btreemap-v1-migrated"));
    StableBTreeMap<byte[], byte[]> c = StableBTreeMap.load(v1, Codecs.blob(10), Codecs.blob(10));
    assertEquals(c.longSize(), clean(c::verify, v1).count(VerifyReport.ENTRIES));

    HeapMemory set = HeapMemory.of(VectorFiles.published("btreeset-u32"));
    StableBTreeSet<Integer> d = StableBTreeSet.load(set, Codecs.u32());
    assertEquals(d.longSize(), clean(d::verify, set).count(VerifyReport.ENTRIES));

    HeapMemory dump = HeapMemory.of(VectorFiles.referenceRepo("btreemap_v1_packed_headers.dump"));
    StableBTreeMap<byte[], byte[]> e = StableBTreeMap.load(dump, Codecs.blob(10), Codecs.blob(10));
    assertEquals(1, clean(e::verify, dump).count(VerifyReport.ENTRIES));
  }

  @Test
  void emptyAndClearedMapsVerifyClean() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<Long, Long> map = StableBTreeMap.init(memory, Codecs.u64(), Codecs.u64());
    assertEquals(0, clean(map::verify, memory).count(VerifyReport.DEPTH));
    for (long i = 0; i < 500; i++) {
      map.put(i, i);
    }
    map.clearNew();
    VerifyReport report = clean(map::verify, memory);
    assertEquals(0, report.count("totalChunks"));
  }

  @Test
  void randomWorkloadsVerifyCleanAfterEveryBatch() {
    int batches = FULL ? 60 : 12;
    for (long seed = 1; seed <= (FULL ? 6 : 2); seed++) {
      TestRandom random = new TestRandom(seed);
      HeapMemory memory = new HeapMemory();
      StableBTreeMap<String, byte[]> map =
          StableBTreeMap.init(memory, Codecs.string(), Codecs.bytes());
      TreeMap<String, Integer> model = new TreeMap<>();
      for (int batch = 0; batch < batches; batch++) {
        for (int op = 0; op < 150; op++) {
          String key = "k" + random.nextBelow(400);
          if (random.nextBelow(3) == 0) {
            map.remove(key);
            model.remove(key);
          } else {
            int length = (int) random.nextBelow(random.nextBelow(8) == 0 ? 3000 : 40);
            map.put(key, TestRandom.bytes(length, op));
            model.put(key, length);
          }
        }
        VerifyReport report = clean(map::verify, memory);
        assertEquals(model.size(), report.count(VerifyReport.ENTRIES), "seed " + seed);
      }
    }
  }

  // ---------------------------------------------------------------- damage

  /** A sound u64 map of three levels, opened over its own memory. */
  private static StableBTreeMap<Long, Long> u64Map(HeapMemory memory, int entries) {
    StableBTreeMap<Long, Long> map = StableBTreeMap.init(memory, Codecs.u64(), Codecs.u64());
    for (long i = 0; i < entries; i++) {
      map.put(i * 7 % entries, i);
    }
    return map;
  }

  private static List<Long> nodes(HeapMemory memory) {
    TestTrees.Parts parts = TestTrees.parts(memory, Codecs.u64(), Codecs.u64());
    return TestTrees.nodes(parts.store(), BTreeHeader.read(memory).root());
  }

  private static Node load(HeapMemory memory, long address) {
    return TestTrees.parts(memory, Codecs.u64(), Codecs.u64()).store().load(address, 0);
  }

  private static long firstLeaf(HeapMemory memory) {
    for (long address : nodes(memory)) {
      if (load(memory, address).leaf) {
        return address;
      }
    }
    throw new AssertionError("no leaf");
  }

  @Test
  void keysOutOfOrderAreFound() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<Long, Long> map = u64Map(memory, 1000);
    long leaf = firstLeaf(memory);
    // Key 1 of a u64 leaf (8-byte keys, no length) overwritten by key 0's bytes: a duplicate.
    long key0 = leaf + NodeLayout.v2KeysAt(true, 0);
    memory.writeLongLE(key0 + 8, memory.readLongLE(key0));
    finds(map::verify, "key order (key 1)", leaf, memory);
  }

  @Test
  void keyOrderAcrossNodesIsChecked() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<Long, Long> map = u64Map(memory, 1000);
    long root = BTreeHeader.read(memory).root();
    Node rootNode = load(memory, root);
    // Raise the root's first key above its second: each node alone is still sorted below it.
    long keysAt = root + NodeLayout.v2KeysAt(false, rootNode.count);
    memory.writeLongBE(keysAt, memory.readLongBE(keysAt + 8) + 1);
    VerifyReport.Finding finding =
        finds(map::verify, "key order (key 0)", firstChild(memory, 1), memory);
    assertTrue(finding.expected().startsWith("a key greater than"), finding.toString());
  }

  private static long firstChild(HeapMemory memory, int child) {
    long root = BTreeHeader.read(memory).root();
    long address = load(memory, root).children[child];
    Node node = load(memory, address);
    while (!node.leaf) {
      address = node.children[0];
      node = load(memory, address);
    }
    return address;
  }

  @Test
  void badEntryCountsAreFound() {
    for (int count : new int[] {0, 12, 0xFFFF}) {
      HeapMemory memory = new HeapMemory();
      StableBTreeMap<Long, Long> map = u64Map(memory, 300);
      long leaf = firstLeaf(memory);
      memory.writeShortLE(leaf + NodeLayout.COUNT_OFFSET, count);
      VerifyReport.Finding finding = finds(map::verify, "entry count", leaf, memory);
      assertEquals(String.valueOf(count), finding.found());
      finds(map::verify, "length", 20, memory);
    }
  }

  @Test
  void badNodeHeadersAreFound() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<Long, Long> map = u64Map(memory, 300);
    long leaf = firstLeaf(memory);
    byte[] image = memory.toByteArray();

    memory.writeByte(leaf, (byte) 'X');
    finds(map::verify, "node magic", leaf, memory);

    memory.write(0, image);
    memory.writeByte(leaf + 3, (byte) 1); // a V1 node in a map that never was V1
    finds(map::verify, "node version", leaf + 3, memory);

    memory.write(0, image);
    memory.writeByte(leaf + 4, (byte) 7);
    finds(map::verify, "node type", leaf + 4, memory);

    memory.write(0, image);
    memory.writeByte(leaf - Allocator.CHUNK_HEADER_SIZE + 4, (byte) 0);
    finds(map::verify, "chunk allocated flag", leaf - Allocator.CHUNK_HEADER_SIZE + 4, memory);
  }

  @Test
  void badChildAddressesAreFound() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<Long, Long> map = u64Map(memory, 1000);
    long root = BTreeHeader.read(memory).root();
    long child0 = root + NodeLayout.V2_CHILDREN_OFFSET;
    long child = memory.readLongLE(child0);
    byte[] image = memory.toByteArray();

    memory.writeLongLE(child0, child + 1); // off the chunk grid
    finds(map::verify, "child 0", root, memory);

    memory.write(0, image);
    memory.writeLongLE(child0, memory.readLongLE(child0 + 8)); // two children, one node
    assertTrue(finds(map::verify, "child 1", root, memory).found().endsWith("(reached twice)"));

    memory.write(0, image);
    memory.writeLongLE(child0, memory.sizeInBytes() + 4096); // past the memory
    finds(map::verify, "child 0", root, memory);

    memory.write(0, image);
    memory.writeLongLE(child0, root); // a cycle: the walk meets the root again and stops
    assertTrue(finds(map::verify, "child 0", root, memory).found().endsWith("(reached twice)"));
  }

  @Test
  void damagedV1NodesAreFound() {
    HeapMemory memory = HeapMemory.of(VectorFiles.referenceRepo("btreemap_v1_packed_headers.dump"));
    StableBTreeMap<byte[], byte[]> map =
        StableBTreeMap.load(memory, Codecs.blob(10), Codecs.blob(10));
    TestTrees.Parts parts = TestTrees.parts(memory, Codecs.blob(10), Codecs.blob(10));
    long v1 = -1;
    for (long address : TestTrees.nodes(parts.store(), BTreeHeader.read(memory).root())) {
      if (memory.readByte(address + 3) == 1) {
        v1 = address;
        break;
      }
    }
    assertTrue(v1 > 0, "the crate's V1 dump holds a V1 node");
    memory.writeIntLE(v1 + parts.layout().v1KeyAt(0), 11); // a key of 11 bytes in a 10-byte slot
    VerifyReport.Finding finding = finds(map::verify, "node contents", v1, memory);
    assertTrue(finding.found().contains("slot"), finding.toString());
  }

  @Test
  void verifyRunsBesideReaders() throws Exception {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<Long, Long> map = u64Map(memory, 5000);
    byte[] image = memory.toByteArray();
    java.util.concurrent.atomic.AtomicReference<Throwable> failure =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread[] readers = new Thread[2];
    for (int t = 0; t < readers.length; t++) {
      readers[t] =
          new Thread(
              () -> {
                try {
                  for (int round = 0; round < 20; round++) {
                    long sum = 0;
                    for (java.util.Map.Entry<Long, Long> e : map.entrySet()) {
                      sum += e.getKey();
                    }
                    assertEquals(5000L * 4999 / 2, sum);
                    assertEquals(Long.valueOf(0), map.get(0L)); // key 0 was put first, with value 0
                  }
                } catch (Throwable e) {
                  failure.set(e);
                }
              });
      readers[t].start();
    }
    for (int round = 0; round < 20; round++) {
      assertTrue(map.verify().isOk());
    }
    for (Thread reader : readers) {
      reader.join();
    }
    if (failure.get() != null) {
      throw new AssertionError("a reader failed beside verify()", failure.get());
    }
    org.junit.jupiter.api.Assertions.assertArrayEquals(image, memory.toByteArray());
  }

  @Test
  void leavesAtDifferentDepthsAreFound() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<Long, Long> map = u64Map(memory, 1000);
    long root = BTreeHeader.read(memory).root();
    Node rootNode = load(memory, root);
    assertTrue(!load(memory, rootNode.children[0]).leaf, "expected three levels or more");
    // The root's first child replaced by a leaf further down: it is then a leaf at level 2.
    long leaf = firstChild(memory, 1);
    memory.writeLongLE(root + NodeLayout.V2_CHILDREN_OFFSET, leaf);
    VerifyReport report = map.verify();
    assertTrue(
        report.findings().stream()
            .anyMatch(f -> f.field().equals("leaf depth") && f.expected().startsWith("2 ")),
        report::toString);
  }

  @Test
  void wrongLengthAndRootAreFound() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<Long, Long> map = u64Map(memory, 300);
    byte[] image = memory.toByteArray();
    memory.writeLongLE(20, 301);
    assertEquals(
        "300 (the entries counted in the nodes)",
        finds(map::verify, "length", 20, memory).expected());
    finds(map::verify, "cached length", 20, memory);

    // Reopened, the heap agrees with the damaged header: only the count disagrees.
    StableBTreeMap<Long, Long> reopened = StableBTreeMap.load(memory, Codecs.u64(), Codecs.u64());
    VerifyReport report = reopened.verify();
    assertEquals(1, report.findingCount(), report::toString);

    memory.write(0, image);
    memory.writeLongLE(12, 0);
    finds(map::verify, "root", 12, memory);
  }

  @Test
  void headerDamageIsFound() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<Long, Long> map = u64Map(memory, 100);
    byte[] image = memory.toByteArray();
    memory.writeByte(0, (byte) 'X');
    finds(map::verify, "magic", 0, memory);
    memory.write(0, image);
    memory.writeByte(3, (byte) 9);
    finds(map::verify, "layout version", 3, memory);
    memory.write(0, image);
    memory.writeByte(BTreeHeader.ALLOCATOR_OFFSET, (byte) 'X');
    finds(map::verify, "allocator magic", BTreeHeader.ALLOCATOR_OFFSET, memory);
    memory.write(0, image);
    memory.writeLongLE(BTreeHeader.ALLOCATOR_OFFSET + Allocator.ALLOCATION_SIZE, 99);
    finds(
        map::verify,
        "allocation size",
        BTreeHeader.ALLOCATOR_OFFSET + Allocator.ALLOCATION_SIZE,
        memory);
  }

  @Test
  void allocatedChunkCountOffByOneIsFound() {
    for (int delta : new int[] {1, -1}) {
      HeapMemory memory = new HeapMemory();
      StableBTreeMap<Long, Long> map = u64Map(memory, 1000);
      long at = BTreeHeader.ALLOCATOR_OFFSET + Allocator.ALLOCATED_CHUNKS;
      memory.writeLongLE(at, memory.readLongLE(at) + delta);
      finds(map::verify, "allocated chunks", at, memory);
      finds(map::verify, "free + allocated chunks", at, memory);
    }
  }

  /** A map that has freed chunks: a free list of more than the frontier. */
  static StableBTreeMap<Long, Long> mapWithFreeChunks(HeapMemory memory) {
    StableBTreeMap<Long, Long> map = u64Map(memory, 1000);
    for (long k = 0; k < 600; k++) {
      map.remove(k);
    }
    assertTrue(map.stats().freeChunks() > 2, map.stats().toString());
    return map;
  }

  @Test
  void freeListCycleIsFound() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<Long, Long> map = mapWithFreeChunks(memory);
    long head = memory.readLongLE(BTreeHeader.ALLOCATOR_OFFSET + Allocator.FREE_LIST_HEAD);
    long second = memory.readLongLE(head + Allocator.CHUNK_NEXT);
    memory.writeLongLE(second + Allocator.CHUNK_NEXT, head);
    VerifyReport.Finding finding =
        finds(map::verify, "free-list link", second + Allocator.CHUNK_NEXT, memory);
    assertTrue(finding.found().endsWith("(a cycle)"), finding.toString());
  }

  @Test
  void chunkBothFreeAndInUseIsFound() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<Long, Long> map = mapWithFreeChunks(memory);
    long head = memory.readLongLE(BTreeHeader.ALLOCATOR_OFFSET + Allocator.FREE_LIST_HEAD);
    long leaf = firstLeaf(memory);
    // A leaf's chunk put on the free list after its head: a chunk free and in use at once.
    long chunk = leaf - Allocator.CHUNK_HEADER_SIZE;
    memory.writeLongLE(
        chunk + Allocator.CHUNK_NEXT, memory.readLongLE(head + Allocator.CHUNK_NEXT));
    memory.writeLongLE(head + Allocator.CHUNK_NEXT, chunk);
    VerifyReport report = map.verify();
    assertTrue(
        report.findings().stream().anyMatch(f -> f.found().endsWith("(also on the free list)")),
        report::toString);
    assertTrue(
        report.findings().stream().anyMatch(f -> f.field().equals("chunk allocated flag")),
        report::toString);
  }

  @Test
  void leakedChunksAreFound() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<Long, Long> map = mapWithFreeChunks(memory);
    long headAt = BTreeHeader.ALLOCATOR_OFFSET + Allocator.FREE_LIST_HEAD;
    long head = memory.readLongLE(headAt);
    memory.writeLongLE(headAt, memory.readLongLE(head + Allocator.CHUNK_NEXT)); // drop the head
    VerifyReport.Finding finding = finds(map::verify, "chunk", head, memory);
    assertTrue(finding.found().startsWith("neither"), finding.toString());
  }

  // ---------------------------------------------------------------- overflow chains

  /** A string map of one leaf whose last value needs several overflow pages. */
  private static StableBTreeMap<String, byte[]> bigValues(HeapMemory memory) {
    StableBTreeMap<String, byte[]> map =
        StableBTreeMap.init(memory, Codecs.string(), Codecs.bytes());
    map.put("a", TestRandom.bytes(10, 2));
    map.put("b", TestRandom.bytes(5000, 1));
    return map;
  }

  private static long[] chain(HeapMemory memory) {
    long root = BTreeHeader.read(memory).root();
    Node node = TestTrees.parts(memory, Codecs.string(), Codecs.bytes()).store().load(root, 0);
    assertTrue(node.overflowCount >= 3, "expected a long chain");
    return java.util.Arrays.copyOf(node.overflows, node.overflowCount);
  }

  @Test
  void overflowChainCutIsFound() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<String, byte[]> map = bigValues(memory);
    long root = BTreeHeader.read(memory).root();
    long[] pages = chain(memory);
    memory.writeLongLE(pages[1] + NodeLayout.OVERFLOW_NEXT_OFFSET, 0);
    VerifyReport.Finding finding = finds(map::verify, "node contents", root, memory);
    assertTrue(finding.found().contains("past its pages"), finding.toString());
    finds(map::verify, "allocated chunks", BTreeHeader.ALLOCATOR_OFFSET + 16, memory);
  }

  @Test
  void overflowChainCycleAndMagicAreFound() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<String, byte[]> map = bigValues(memory);
    long root = BTreeHeader.read(memory).root();
    long[] pages = chain(memory);
    byte[] image = memory.toByteArray();
    memory.writeLongLE(pages[2] + NodeLayout.OVERFLOW_NEXT_OFFSET, pages[0]);
    VerifyReport.Finding finding = finds(map::verify, "overflow page 3", root, memory);
    assertTrue(finding.found().endsWith("(reached twice)"), finding.toString());

    memory.write(0, image);
    memory.writeByte(pages[1], (byte) 'X');
    finds(map::verify, "overflow page magic", pages[1], memory);
  }

  @Test
  void overflowChainLongerThanTheNodeNeedsIsFound() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<String, byte[]> map = bigValues(memory);
    long root = BTreeHeader.read(memory).root();
    long[] pages = chain(memory);
    // Shrink the big value's length: its bytes stay, and the chain is now longer than needed.
    long lengthAt = -1;
    byte[] node = new byte[1024];
    memory.read(root, node, 0, node.length);
    for (int i = 0; i + 4 <= node.length; i++) {
      if (dev.stablestructures.memory.ByteArrays.getIntLE(node, i) == 5000) {
        lengthAt = root + i;
        break;
      }
    }
    assertTrue(lengthAt > 0);
    memory.writeIntLE(lengthAt, 10);
    VerifyReport.Finding finding = finds(map::verify, "overflow pages", root, memory);
    assertEquals(String.valueOf(pages.length), finding.found());
  }

  @Test
  void undecodableKeysAreFound() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<String, byte[]> map = bigValues(memory);
    long root = BTreeHeader.read(memory).root();
    // The first key "a" (after its u32 length) made invalid UTF-8.
    long keyAt = root + NodeLayout.v2KeysAt(true, 2) + 4;
    assertEquals('a', memory.readByte(keyAt));
    memory.writeByte(keyAt, (byte) 0xFF);
    VerifyReport.Finding finding = finds(map::verify, "key 0", root, memory);
    assertNotNull(finding.found());
  }

  @Test
  void reportsReadWell() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<Long, Long> map = u64Map(memory, 300);
    assertTrue(map.verify().toString().startsWith("StableBTreeMap: OK {entries=300"));
    memory.writeShortLE(firstLeaf(memory) + NodeLayout.COUNT_OFFSET, 0);
    String text = map.verify().toString();
    assertTrue(text.contains("entry count: expected 1 to 11, found 0"), text);
  }

  /**
   * The bytes the verifier's messages quote: two hex digits each, a space apart, inside the array.
   */
  @Test
  void quotedBytesAreHexPairsOfTheRangeCutAtTheArraysEnd() {
    byte[] bytes = {0x0A, (byte) 0xFF, 0x03};
    assertEquals("FF", ChunkAccounting.hex(bytes, 1, 1));
    assertEquals("0A FF", ChunkAccounting.hex(bytes, 0, 2));
    assertEquals("FF 03", ChunkAccounting.hex(bytes, 1, 10));
    assertEquals("", ChunkAccounting.hex(bytes, 3, 2));
  }
}
