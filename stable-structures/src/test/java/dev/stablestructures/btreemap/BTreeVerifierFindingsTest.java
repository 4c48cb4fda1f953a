package dev.stablestructures.btreemap;

import static dev.stablestructures.testing.VerifyChecks.clean;
import static dev.stablestructures.testing.VerifyChecks.finds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.VerifyReport;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.codec.Unit;
import dev.stablestructures.memory.HeapMemory;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What {@link BTreeVerifier}'s findings say, beyond where they are (found by mutation testing: the
 * tests of {@code BTreeVerifierTest} check each finding's field and address): the bytes quoted
 * unsigned, which text the node version's finding expects, an unreadable node reported once with
 * its subtree skipped, the children of V1 internal nodes, the last child of a node, a value the
 * codec cannot decode, and the depth bound at its edge.
 */
class BTreeVerifierFindingsTest {
  private static long firstLeaf(HeapMemory memory) {
    TestTrees.Parts parts = TestTrees.parts(memory, Codecs.u64(), Codecs.u64());
    for (long address : TestTrees.nodes(parts.store(), BTreeHeader.read(memory).root())) {
      if (parts.store().load(address, 0).leaf) {
        return address;
      }
    }
    throw new AssertionError("no leaf");
  }

  private static List<VerifyReport.Finding> findingsIn(
      VerifyReport report, long from, long length) {
    return report.findings().stream()
        .filter(f -> f.address() >= from && f.address() < from + length)
        .toList();
  }

  @Test
  void versionsAndTypesAreQuotedUnsigned() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<Long, Long> map = TestTrees.sequentialU64Map(memory, 100);
    byte[] image = memory.toByteArray();
    memory.writeByte(3, (byte) 0x81);
    assertEquals("129", finds(map::verify, "layout version", 3, memory).found());

    memory.write(0, image);
    long leaf = firstLeaf(memory);
    memory.writeByte(leaf + 4, (byte) 0x90);
    assertEquals("144", finds(map::verify, "node type", leaf + 4, memory).found());
  }

  /**
   * A node that cannot be read is one finding and no more: its contents are not loaded (which would
   * report them again) and it is not counted as a node.
   */
  @Test
  void anUnreadableNodeHeaderIsReportedOnceAndTheNodeSkipped() {
    HeapMemory sound = new HeapMemory();
    TestTrees.sequentialU64Map(sound, 300);
    long leaf = firstLeaf(sound);
    long nodes =
        clean(StableBTreeMap.load(sound, Codecs.u64(), Codecs.u64())::verify, sound)
            .count(VerifyReport.NODES);
    byte[] image = sound.toByteArray();
    String[] fields = {"node magic", "node version", "node type", "entry count", "entry count"};
    long count = leaf + NodeLayout.COUNT_OFFSET;
    long[] writeAt = {leaf, leaf + 3, leaf + 4, count, count};
    long[] findingAt = {leaf, leaf + 3, leaf + 4, leaf, leaf};
    int[] bytes = {'X', 1, 7, 0, 12}; // version 1 in a V2 map; counts 0 and 12
    for (int d = 0; d < fields.length; d++) {
      HeapMemory memory = HeapMemory.of(image);
      StableBTreeMap<Long, Long> map = StableBTreeMap.load(memory, Codecs.u64(), Codecs.u64());
      memory.writeByte(writeAt[d], (byte) bytes[d]);
      finds(map::verify, fields[d], findingAt[d], memory);
      VerifyReport report = map.verify();
      assertEquals(1, findingsIn(report, leaf, 16).size(), fields[d] + ": " + report);
      assertEquals(nodes - 1, report.count(VerifyReport.NODES), fields[d] + ": " + report);
    }
  }

  @Test
  void theNodeVersionsFindingSaysWhichVersionsTheMapMayHold() {
    HeapMemory v2 = new HeapMemory();
    StableBTreeMap<Long, Long> map = TestTrees.sequentialU64Map(v2, 5);
    long root = BTreeHeader.read(v2).root();
    v2.writeByte(root + 3, (byte) 3);
    assertEquals("2 (a V2 map)", finds(map::verify, "node version", root + 3, v2).expected());

    // A V1 map of keys of no bytes: a key slot of 0 is still a V1 map.
    HeapMemory v1 = new HeapMemory();
    BTree<Unit, Long> tree = BTreeFactory.createV1(v1, Codecs.unit(), Codecs.u64());
    tree.insert(Unit.INSTANCE, 5L);
    Supplier<VerifyReport> verify =
        () -> BTreeVerifier.verify(v1, Codecs.unit(), Codecs.u64(), tree.rootAddress(), 1);
    assertEquals(1, clean(verify, v1).count(VerifyReport.ENTRIES));
    v1.writeByte(tree.rootAddress() + 3, (byte) 3);
    assertEquals(
        "1 or 2 (a map migrated from V1)",
        finds(verify, "node version", tree.rootAddress() + 3, v1).expected());
  }

  /** A V1 map whose root is a full internal node (11 keys, 12 children, the last at its end). */
  private static BTree<byte[], byte[]> fullV1Root(HeapMemory memory, Codec<byte[]> blob) {
    BTree<byte[], byte[]> tree = BTreeFactory.createV1(memory, blob, blob);
    for (int i = 0; ; i++) {
      tree.insert(new byte[] {(byte) (i >> 8), (byte) i}, new byte[50]);
      Node root = TestTrees.parts(memory, blob, blob).store().load(tree.rootAddress(), 0);
      if (!root.leaf && root.count == Node.CAPACITY) {
        return tree;
      }
    }
  }

  /**
   * The children of a V1 internal node are read from its slots; the last child of a full node ends
   * exactly at the node's end. A damaged last child is the children check's finding, and the node
   * is skipped, its entries uncounted.
   */
  @Test
  void theLastChildOfFullV1AndV2NodesIsChecked() {
    Codec<byte[]> blob = Codecs.blob(50);
    HeapMemory v1 = new HeapMemory();
    BTree<byte[], byte[]> tree = fullV1Root(v1, blob);
    long root = tree.rootAddress();
    Supplier<VerifyReport> verify = () -> BTreeVerifier.verify(v1, blob, blob, root, tree.size());
    assertEquals(tree.size(), clean(verify, v1).count(VerifyReport.ENTRIES));
    NodeLayout layout = TestTrees.parts(v1, blob, blob).layout();
    long lastChild = root + layout.v1ChildrenAt(Node.CAPACITY) + 8L * Node.CAPACITY;
    assertEquals(root + layout.pageSize(), lastChild + 8, "the last child ends the node");
    v1.writeLongLE(lastChild, v1.readLongLE(lastChild) + 1);
    assertLastChildFound(verify, root, Node.CAPACITY, v1);

    HeapMemory v2 = new HeapMemory();
    StableBTreeMap<Long, Long> map = TestTrees.sequentialU64Map(v2, 100);
    long v2Root = BTreeHeader.read(v2).root();
    int count = v2.readShortLE(v2Root + NodeLayout.COUNT_OFFSET);
    long child = v2Root + NodeLayout.V2_CHILDREN_OFFSET + 8L * count;
    v2.writeLongLE(child, v2.readLongLE(child) + 1);
    assertLastChildFound(map::verify, v2Root, count, v2);
  }

  private static void assertLastChildFound(
      Supplier<VerifyReport> verify, long node, int child, HeapMemory memory) {
    VerifyReport.Finding finding = finds(verify, "child " + child, node, memory);
    assertEquals("a chunk's data address inside the memory", finding.expected());
    assertEquals(0, verify.get().count(VerifyReport.ENTRIES), "the root is skipped");
  }

  /** The first byte of {@code text}'s first occurrence in the node at {@code node}. */
  private static long find(HeapMemory memory, long node, String text) {
    byte[] bytes = memory.readBytes(node, 64);
    for (int i = 0; i < bytes.length; i++) {
      if (new String(bytes, i, Math.min(text.length(), bytes.length - i), UTF_8).equals(text)) {
        return node + i;
      }
    }
    throw new AssertionError(text + " not in the node");
  }

  private static final java.nio.charset.Charset UTF_8 = java.nio.charset.StandardCharsets.UTF_8;

  @Test
  void undecodableValuesAreFoundAndUndecodableKeysLeftOutOfTheOrder() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<String, String> map =
        StableBTreeMap.init(memory, Codecs.string(), Codecs.string());
    map.put("ka", "va");
    map.put("kb", "vb");
    map.put("kc", "vc");
    long root = BTreeHeader.read(memory).root();
    byte[] image = memory.toByteArray();
    memory.writeByte(find(memory, root, "vb"), (byte) 0xFF);
    finds(map::verify, "value 1", root, memory);

    memory.write(0, image);
    memory.writeByte(find(memory, root, "kb"), (byte) 0xFF); // above "kc" byte by byte
    VerifyReport report = map.verify();
    finds(map::verify, "key 1", root, memory);
    assertFalse(
        report.findings().stream().anyMatch(f -> f.field().startsWith("key order")),
        "an undecodable key is not compared: " + report);
  }

  @Test
  void aKeyOutOfOrderIsShownDecoded() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<Long, Long> map = StableBTreeMap.init(memory, Codecs.u64(), Codecs.u64());
    for (long k = 10; k < 15; k++) {
      map.put(k, k);
    }
    long key0 = BTreeHeader.read(memory).root() + NodeLayout.v2KeysAt(true, 0);
    memory.writeLongLE(key0 + 8, memory.readLongLE(key0));
    VerifyReport.Finding finding =
        finds(map::verify, "key order (key 1)", BTreeHeader.read(memory).root(), memory);
    assertEquals(VerifyReport.show(10L), finding.found());
    assertTrue(finding.expected().startsWith("a key greater than " + VerifyReport.show(10L)));
  }

  /**
   * A child outside the memory ends the node's check before its contents are loaded: the children
   * finding, and not also the load's failure on the same child.
   */
  @Test
  void aChildOutsideTheMemoryIsFoundOnceAndTheNodeNotLoaded() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<Long, Long> map = TestTrees.sequentialU64Map(memory, 100);
    long root = BTreeHeader.read(memory).root();
    long child0 = root + NodeLayout.V2_CHILDREN_OFFSET;
    memory.writeLongLE(child0, memory.readLongLE(child0) + 1);
    finds(map::verify, "child 0", root, memory);
    VerifyReport report = map.verify();
    assertEquals(
        1, findingsIn(report, root, 1).size(), "one finding at the root: " + report.toString());
  }

  /**
   * A key longer than the key codec's bound (here a map of unbounded keys verified with keys of at
   * most 3 bytes) is the length's finding and, like an undecodable key, left out of the order: the
   * keys around it are compared with each other.
   */
  @Test
  void aKeyLongerThanTheCodecsBoundIsFoundAndLeftOutOfTheOrder() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<byte[], byte[]> map =
        StableBTreeMap.init(memory, Codecs.bytes(), Codecs.bytes());
    map.put("a".getBytes(UTF_8), new byte[1]);
    map.put("bbbbbb".getBytes(UTF_8), new byte[1]);
    map.put("c".getBytes(UTF_8), new byte[1]);
    long root = BTreeHeader.read(memory).root();
    // The long key raised above "c" in place: out of order, were it compared.
    memory.write(find(memory, root, "bbbbbb"), "zzzzzz".getBytes(UTF_8));
    Codec<byte[]> short3 = Codecs.blob(3);
    Supplier<VerifyReport> verify =
        () -> BTreeVerifier.verify(memory, short3, Codecs.bytes(), root, 3);
    VerifyReport.Finding finding = finds(verify, "key 1 length", root, memory);
    assertEquals("6 bytes", finding.found());
    VerifyReport report = verify.get();
    assertEquals(1, report.findingCount(), report::toString);
    assertEquals(3, report.count(VerifyReport.ENTRIES));
  }

  @Test
  void aTreeOfExactlyTheMaximumDepthIsWalkedAndOneLevelMoreIsFound() {
    String tooDeep = "a tree at most " + NodeLayout.MAX_DEPTH + " levels deep";
    HeapMemory deepest = NodeImageBuilder.path(NodeLayout.MAX_DEPTH);
    VerifyReport report = StableBTreeMap.load(deepest, Codecs.u64(), Codecs.u64()).verify();
    assertFalse(
        report.findings().stream().anyMatch(f -> f.expected().equals(tooDeep)), report::toString);
    assertEquals(NodeLayout.MAX_DEPTH, report.count(VerifyReport.DEPTH));

    HeapMemory deeper = NodeImageBuilder.path(NodeLayout.MAX_DEPTH + 1);
    report = StableBTreeMap.load(deeper, Codecs.u64(), Codecs.u64()).verify();
    List<VerifyReport.Finding> bound =
        report.findings().stream().filter(f -> f.expected().equals(tooDeep)).toList();
    assertEquals(2, bound.size(), "both children of the deepest internal node: " + report);
    for (VerifyReport.Finding finding : bound) {
      assertEquals(String.valueOf(NodeLayout.MAX_DEPTH + 1), finding.found());
    }
  }
}
