package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import org.junit.jupiter.api.Test;

/** The allocator's own rules: LIFO reuse, the frontier, and the checks made on load. */
class AllocatorTest {
  private static final long HEADER = BTreeHeader.ALLOCATOR_OFFSET;
  private static final long STRIDE = 64 + Allocator.CHUNK_HEADER_SIZE;

  @Test
  void freedChunksAreReusedLastInFirstOutAndTheFrontierMovesOneChunkAtATime() {
    HeapMemory memory = new HeapMemory();
    Allocator allocator = Allocator.create(memory, HEADER, 64);
    long first = allocator.allocate();
    long second = allocator.allocate();
    long third = allocator.allocate();
    assertEquals(BTreeFactory.FIRST_NODE, first);
    assertEquals(first + STRIDE, second);
    assertEquals(second + STRIDE, third);
    allocator.deallocate(first);
    allocator.deallocate(third);
    assertEquals(1, allocator.allocatedChunks());
    assertEquals(third, allocator.allocate());
    assertEquals(first, allocator.allocate());
    assertEquals(third + STRIDE, allocator.allocate());
    assertEquals(0, allocator.walkFreeList()[0], "no freed chunk is left");
    Allocator loaded = Allocator.load(memory, HEADER, 64);
    assertEquals(4, loaded.allocatedChunks());
    assertEquals(allocator.freeListHead(), loaded.freeListHead());
  }

  @Test
  void loadRefusesAnAllocatedCountTheMemoryCannotHold() {
    HeapMemory memory = new HeapMemory();
    BTree<Long, Long> tree = BTreeFactory.create(memory, Codecs.u64(), Codecs.u64());
    for (long i = 0; i < 100; i++) {
      tree.insert(i, i);
    }
    long chunks = memory.readLongLE(HEADER + 16);
    assertEquals(tree.stats().nodes(), chunks);
    long capacity = (memory.sizeInBytes() - (HEADER + Allocator.HEADER_SIZE)) / (275 + 16);
    for (long wrong : new long[] {-1, capacity + 1, 1L << 40, Long.MIN_VALUE}) {
      memory.writeLongLE(HEADER + 16, wrong);
      CorruptedStructureException e =
          assertThrows(
              CorruptedStructureException.class,
              () -> BTreeFactory.load(memory, Codecs.u64(), Codecs.u64()),
              "count " + wrong);
      assertTrue(e.getMessage().contains("allocated chunks"), e.getMessage());
    }
    memory.writeLongLE(HEADER + 16, chunks);
    assertEquals(99L, BTreeFactory.load(memory, Codecs.u64(), Codecs.u64()).get(99L));
  }

  @Test
  void loadRefusesAFreeListHeadOffTheChunkGrid() {
    HeapMemory memory = new HeapMemory();
    Allocator.create(memory, HEADER, 64).allocate();
    memory.writeLongLE(HEADER + 24, BTreeFactory.FIRST_NODE + 1);
    assertThrows(CorruptedStructureException.class, () -> Allocator.load(memory, HEADER, 64));
  }
}
