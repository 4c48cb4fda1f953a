package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.codec.Unit;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.testing.TestRandom;
import org.junit.jupiter.api.Test;

/** The node geometry against the spec's numbers, header checks, and the overflow-chain walk. */
class NodeLayoutTest {
  private static final long NODE = BTreeFactory.FIRST_NODE;

  @Test
  void v1NodeSizesAreTheCratesAndGiveItsPageSizes() {
    assertEquals(367, NodeLayout.v1NodeSize(8, 8)); // u64 -> u64: page 275
    assertEquals(411, NodeLayout.v1NodeSize(10, 10)); // Blob<10> -> Blob<10>: page 308
    assertEquals(235, NodeLayout.v1NodeSize(4, 0)); // BTreeSet<u32>: page 176
  }

  @Test
  void overflowPagesAndCapacityFollowThePageSize() {
    HeapMemory memory = new HeapMemory();
    BTreeFactory.create(memory, Codecs.string(), Codecs.bytes());
    NodeLayout layout = TestTrees.parts(memory, Codecs.string(), Codecs.bytes()).layout();
    assertEquals(1024, layout.pageSize());
    assertEquals(0, layout.overflowPagesNeeded(1024));
    assertEquals(1, layout.overflowPagesNeeded(1025));
    assertEquals(1, layout.overflowPagesNeeded(1024 + 1013));
    assertEquals(2, layout.overflowPagesNeeded(1024 + 1014));
    assertEquals(1024 + 2 * 1013, layout.capacity(2, 2));
    assertEquals(4, layout.keyPrefix(), "string keys carry a length");
    assertEquals(15, NodeLayout.v2KeysAt(true, 11));
    assertEquals(15 + 8 * 12, NodeLayout.v2KeysAt(false, 11));
  }

  @Test
  void headersAreCheckedAndPacked() {
    HeapMemory memory = new HeapMemory();
    BTreeFactory.create(memory, Codecs.u64(), Codecs.u64()).insert(1L, 2L);
    NodeLayout layout = TestTrees.parts(memory, Codecs.u64(), Codecs.u64()).layout();
    int header = layout.readHeader(memory, NODE);
    assertEquals(2, NodeLayout.version(header));
    assertTrue(NodeLayout.isLeaf(header));
    assertEquals(1, NodeLayout.count(header));
    int word = memory.readIntLE(NODE);
    assertThrows(CorruptedStructureException.class, () -> layout.checkHeader(NODE, word ^ 1, 0, 1));
    int v3 = (word & 0xFFFFFF) | 3 << 24;
    assertThrows(CorruptedStructureException.class, () -> layout.checkHeader(NODE, v3, 0, 1));
    int v1 = (word & 0xFFFFFF) | 1 << 24;
    assertThrows(
        CorruptedStructureException.class,
        () -> layout.checkHeader(NODE, v1, 0, 1),
        "no V1 node in a V2 map");
    assertThrows(CorruptedStructureException.class, () -> layout.checkHeader(NODE, word, 2, 1));
    assertThrows(CorruptedStructureException.class, () -> layout.checkHeader(NODE, word, 0, 0));
    assertThrows(CorruptedStructureException.class, () -> layout.checkHeader(NODE, word, 0, 12));
    assertThrows(
        CorruptedStructureException.class, () -> layout.checkAddress(memory, NODE + 1, "node"));
    byte[] image = new byte[7];
    NodeLayout.writeHeader(image, 2, false, 11);
    assertArrayEquals(BTreeTest.hex("42544e 02 01 0b00"), image);
  }

  @Test
  void nodeReadsRefuseAnAddressOffTheChunkGridOrPastTheEnd() {
    HeapMemory memory = new HeapMemory();
    BTreeFactory.create(memory, Codecs.u64(), Codecs.u64()).insert(1L, 2L);
    NodeLayout layout = TestTrees.parts(memory, Codecs.u64(), Codecs.u64()).layout();
    for (long address : new long[] {NODE + 1, memory.sizeInBytes()}) {
      CorruptedStructureException header =
          assertThrows(CorruptedStructureException.class, () -> layout.readHeader(memory, address));
      assertTrue(header.getMessage().contains("node address " + address), header.getMessage());
      CorruptedStructureException count =
          assertThrows(CorruptedStructureException.class, () -> layout.peekCount(memory, address));
      assertTrue(count.getMessage().contains("child address " + address), count.getMessage());
    }
  }

  @Test
  void aV1MapWithKeysOfNoBytesReadsItsNodes() {
    HeapMemory memory = new HeapMemory();
    BTree<Unit, Long> tree = BTreeFactory.createV1(memory, Codecs.unit(), Codecs.u64());
    tree.insert(Unit.INSTANCE, 5L);
    assertEquals(1, memory.readByte(3), "a V1 map");
    NodeLayout layout = TestTrees.parts(memory, Codecs.unit(), Codecs.u64()).layout();
    assertEquals(0, layout.maxKeySize(), "a key slot of 0 bytes");
    int header = layout.readHeader(memory, NODE);
    assertEquals(1, NodeLayout.version(header));
    assertEquals(5L, tree.get(Unit.INSTANCE));
  }

  @Test
  void theChainIsWalkedOnceAndVirtualOffsetsMapAcrossPages() {
    HeapMemory memory = new HeapMemory();
    BTree<String, byte[]> tree = BTreeFactory.create(memory, Codecs.string(), Codecs.bytes());
    byte[] value = TestRandom.bytes(3000, 5);
    tree.insert("big", value);
    NodeLayout layout = TestTrees.parts(memory, Codecs.string(), Codecs.bytes()).layout();
    long first = memory.readLongLE(NODE + NodeLayout.V2_OVERFLOW_OFFSET);
    long[] chain = layout.overflowChain(memory, NODE, first);
    assertEquals(2, chain.length);
    assertEquals(first, chain[0]);
    long valueAt = 15 + 4 + 3 + 4; // children none, key length + "big", value length
    byte[] read = new byte[value.length];
    layout.readVirtual(memory, NODE, chain, valueAt, read, 0, read.length);
    assertArrayEquals(value, read);
    assertEquals(3000, layout.readLE(memory, NODE, chain, valueAt - 4, Integer.BYTES));
    memory.writeLongLE(chain[1] + NodeLayout.OVERFLOW_NEXT_OFFSET, chain[0]);
    assertThrows(
        CorruptedStructureException.class, () -> layout.overflowChain(memory, NODE, first));
  }
}
