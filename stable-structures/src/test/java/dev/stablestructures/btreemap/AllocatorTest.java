package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.testing.HeapWrapper;
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
    long frontier = third + 2 * STRIDE - Allocator.CHUNK_HEADER_SIZE;
    assertEquals(frontier, allocator.freeListHead());
    Allocator loaded = Allocator.load(memory, HEADER, 64);
    assertEquals(4, loaded.allocatedChunks());
    assertEquals(frontier, loaded.freeListHead());
  }

  @Test
  void anAllocatorWithNoChunksLoads() {
    HeapMemory memory = new HeapMemory();
    Allocator.create(memory, HEADER, 64);
    Allocator loaded = Allocator.load(memory, HEADER, 64);
    assertEquals(0, loaded.allocatedChunks());
    assertEquals(HEADER + Allocator.HEADER_SIZE, loaded.freeListHead());
  }

  /**
   * One chunk per 64 KiB page, its data 65,456 bytes: after one allocation the frontier's header is
   * the page's last 16 bytes, and the allocated count is exactly what the memory can hold.
   */
  @Test
  void aFrontierInTheMemorysLastSixteenBytesIsAChunkAndAFullCountLoads() {
    HeapMemory memory = new HeapMemory();
    long size = 65_456;
    Allocator allocator = Allocator.create(memory, 0, size);
    assertEquals(Allocator.HEADER_SIZE + Allocator.CHUNK_HEADER_SIZE, allocator.allocate());
    assertEquals(Memory.PAGE_SIZE, memory.sizeInBytes());
    assertEquals(Memory.PAGE_SIZE - Allocator.CHUNK_HEADER_SIZE, allocator.freeListHead());
    assertEquals(1, Allocator.load(memory, 0, size).allocatedChunks(), "as many as fit");
    allocator.deallocate(Allocator.HEADER_SIZE + Allocator.CHUNK_HEADER_SIZE);
    assertArrayEquals(
        new long[] {1, Memory.PAGE_SIZE - Allocator.CHUNK_HEADER_SIZE},
        allocator.walkFreeList(),
        "a free list of every chunk the memory holds is no cycle");
    allocator.allocate();
    assertEquals(Memory.PAGE_SIZE, allocator.allocate(), "the frontier at the very end");
  }

  @Test
  void aFreeListLinkToAChunkPastTheMemorysEndIsRefusedBeforeAnythingChanges() {
    HeapMemory memory = new HeapMemory();
    long size = 65_472; // the second chunk's header would start right at the end of the first page
    Allocator allocator = Allocator.create(memory, 0, size);
    long first = Allocator.HEADER_SIZE;
    memory.writeLongLE(first + Allocator.CHUNK_NEXT, first + size + Allocator.CHUNK_HEADER_SIZE);
    byte[] before = memory.toByteArray();
    CorruptedStructureException e =
        assertThrows(CorruptedStructureException.class, allocator::allocate);
    assertTrue(e.getMessage().contains("free-list link"), e.getMessage());
    assertArrayEquals(before, memory.toByteArray());
    assertEquals(0, allocator.allocatedChunks());
    assertEquals(first, allocator.freeListHead());
  }

  /** Writes a chunk header into {@code at}, which is off the chunk grid (inside a chunk's data). */
  private static void forgeChunkHeader(HeapMemory memory, long at, boolean allocated) {
    memory.write(at, Allocator.CHUNK_MAGIC);
    memory.writeByte(at + 3, (byte) Allocator.VERSION);
    memory.writeByte(at + Allocator.CHUNK_ALLOCATED, (byte) (allocated ? 1 : 0));
    memory.writeLongLE(at + Allocator.CHUNK_NEXT, 0);
  }

  @Test
  void addressesOffTheChunkGridAreRefusedEvenWhereTheBytesLookLikeAChunkHeader() {
    HeapMemory memory = new HeapMemory();
    Allocator allocator = Allocator.create(memory, HEADER, 64);
    long a = allocator.allocate();
    long b = allocator.allocate();
    forgeChunkHeader(memory, a + 8, true);
    assertThrows(
        CorruptedStructureException.class,
        () -> allocator.deallocate(a + 8 + Allocator.CHUNK_HEADER_SIZE),
        "free");
    forgeChunkHeader(memory, a + 8, false);
    allocator.restore(2, a + 8); // as if the saved head were not one of its chunks
    assertThrows(CorruptedStructureException.class, allocator::allocate, "allocate");
    allocator.restore(2, b + STRIDE - Allocator.CHUNK_HEADER_SIZE);
    allocator.deallocate(a);
    memory.writeLongLE(a - Allocator.CHUNK_HEADER_SIZE + Allocator.CHUNK_NEXT, a + 8);
    assertThrows(CorruptedStructureException.class, allocator::walkFreeList, "walk");
  }

  @Test
  void freeingAChunkWhoseHeaderIsDamagedChangesNothing() {
    HeapMemory memory = new HeapMemory();
    Allocator allocator = Allocator.create(memory, HEADER, 64);
    long a = allocator.allocate();
    memory.writeByte(a - Allocator.CHUNK_HEADER_SIZE, (byte) 'X');
    byte[] before = memory.toByteArray();
    CorruptedStructureException e =
        assertThrows(CorruptedStructureException.class, () -> allocator.deallocate(a));
    assertTrue(e.getMessage().contains("bad chunk header"), e.getMessage());
    assertArrayEquals(before, memory.toByteArray());
    assertEquals(1, allocator.allocatedChunks());
  }

  /** A heap memory that counts its reads (also used by {@link NodeStoreTest}). */
  static final class CountingReads extends HeapWrapper {
    long reads;

    @Override
    public void read(long offset, byte[] dst, int dstOffset, int length) {
      reads++;
      super.read(offset, dst, dstOffset, length);
    }
  }

  @Test
  void theFreeListWalkRefusesACycleWithinAsManyStepsAsTheMemoryHoldsChunks() {
    CountingReads memory = new CountingReads();
    Allocator allocator = Allocator.create(memory, HEADER, 64);
    long a = allocator.allocate();
    long b = allocator.allocate();
    allocator.deallocate(a);
    allocator.deallocate(b); // b -> a -> frontier
    memory.writeLongLE(
        a - Allocator.CHUNK_HEADER_SIZE + Allocator.CHUNK_NEXT, b - Allocator.CHUNK_HEADER_SIZE);
    memory.reads = 0;
    CorruptedStructureException e =
        assertThrows(CorruptedStructureException.class, allocator::walkFreeList);
    assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    long chunks = memory.sizeInBytes() / STRIDE;
    assertTrue(memory.reads < 10 * (chunks + 3), memory.reads + " reads for " + chunks + " chunks");
  }

  @Test
  void loadReadsAHeaderEndingAtTheMemorysEndAndRefusesOneCutOff() {
    HeapMemory memory = new HeapMemory();
    memory.grow(1);
    long last = Memory.PAGE_SIZE - Allocator.HEADER_SIZE;
    CorruptedStructureException read =
        assertThrows(CorruptedStructureException.class, () -> Allocator.load(memory, last, 64));
    assertTrue(read.getMessage().contains("magic"), read.getMessage());
    CorruptedStructureException cut =
        assertThrows(
            CorruptedStructureException.class, () -> Allocator.load(memory, last + 12, 64));
    assertTrue(cut.getMessage().contains("ends before"), cut.getMessage());
  }

  @Test
  void loadNamesAWrongVersion() {
    HeapMemory memory = new HeapMemory();
    Allocator.create(memory, HEADER, 64);
    memory.writeByte(HEADER + 3, (byte) 0x81); // a negative byte, named as unsigned
    CorruptedStructureException e =
        assertThrows(CorruptedStructureException.class, () -> Allocator.load(memory, HEADER, 64));
    assertEquals("unsupported allocator version 129", e.getMessage());
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
