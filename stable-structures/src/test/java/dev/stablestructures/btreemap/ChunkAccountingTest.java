package dev.stablestructures.btreemap;

import static dev.stablestructures.testing.VerifyChecks.clean;
import static dev.stablestructures.testing.VerifyChecks.finds;
import static dev.stablestructures.testing.VerifyChecks.unchanged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.VerifyReport;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link ChunkAccounting}, the allocator's half of {@code verify()}, at its edges (found by
 * mutation testing): the allocator's version byte, free-list links off the grid and just past the
 * memory's end, chunk headers damaged byte by byte, the allocated flag's text, and which chunks the
 * tree may reach: none in an empty map, none past the frontier, and, once the free list is broken,
 * every chunk whose data lies inside the memory, up to the one that ends exactly at its end.
 */
class ChunkAccountingTest {
  private static final long ALLOCATOR = BTreeHeader.ALLOCATOR_OFFSET;
  private static final long HEAD_AT = ALLOCATOR + Allocator.FREE_LIST_HEAD;
  private static final long FIRST_CHUNK = ALLOCATOR + Allocator.HEADER_SIZE;
  private static final long ROOT_AT = 12;
  private static final long LENGTH_AT = 20;

  /** A u64 map's chunk: a page of 275 bytes after a 16-byte chunk header. */
  private static final long U64_STRIDE = 291;

  /** The frontier's chunk header: the free list's last chunk. */
  private static long frontier(HeapMemory memory) {
    long chunk = memory.readLongLE(HEAD_AT);
    while (memory.readLongLE(chunk + Allocator.CHUNK_NEXT) != 0) {
      chunk = memory.readLongLE(chunk + Allocator.CHUNK_NEXT);
    }
    return chunk;
  }

  /** Breaks the free list at its head (off the chunk grid): the frontier is then unknown. */
  private static void breakTheFreeList(HeapMemory memory) {
    memory.writeLongLE(HEAD_AT, FIRST_CHUNK + 1);
  }

  @Test
  void theAllocatorVersionIsFoundAtItsByteAndQuotedUnsigned() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<Long, Long> map = TestTrees.sequentialU64Map(memory, 100);
    memory.writeByte(ALLOCATOR + 3, (byte) 0x81);
    VerifyReport.Finding finding = finds(map::verify, "allocator version", ALLOCATOR + 3, memory);
    assertEquals("1", finding.expected());
    assertEquals("129", finding.found());
  }

  @Test
  void aFreeListHeadOffTheChunkGridIsFoundAtTheHeadFieldAndEndsTheWalk() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<Long, Long> map = TestTrees.sequentialU64Map(memory, 100);
    breakTheFreeList(memory);
    VerifyReport.Finding finding = finds(map::verify, "free-list head", HEAD_AT, memory);
    assertEquals("a chunk header of this allocator", finding.expected());
    assertEquals(String.valueOf(FIRST_CHUNK + 1), finding.found());
    VerifyReport report = map.verify();
    assertEquals(1, report.findingCount(), report::toString);
    assertEquals(100, report.count(VerifyReport.ENTRIES), "the tree is walked all the same");
    assertFalse(report.counts().containsKey("totalChunks"), report::toString);
  }

  /**
   * Eleven pages hold 2,477 u64 chunk headers, the last ending 264 bytes before the end: (720,896 -
   * 116) mod 291 = 264, within 32 bytes of a whole stride. A link to the chunk after it, which
   * starts past the memory's end, is a finding at the link; a link to the last one is followed and
   * its header read (zeros: a finding at the chunk, not at the link).
   */
  @Test
  void aFreeListLinkJustPastTheMemorysEndIsFoundAndTheLastChunkInsideIsRead() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<Long, Long> map = TestTrees.sequentialU64Map(memory, 100);
    memory.grow(11 - memory.size());
    long size = memory.sizeInBytes();
    assertEquals(264, (size - FIRST_CHUNK - Allocator.CHUNK_HEADER_SIZE) % U64_STRIDE);
    long inMemory = (size - FIRST_CHUNK - Allocator.CHUNK_HEADER_SIZE) / U64_STRIDE + 1;
    long last = FIRST_CHUNK + (inMemory - 1) * U64_STRIDE;
    long past = last + U64_STRIDE;
    assertTrue(last + Allocator.CHUNK_HEADER_SIZE <= size && past > size);
    byte[] image = memory.toByteArray();
    clean(map::verify, memory);

    long linkAt = frontier(memory) + Allocator.CHUNK_NEXT;
    memory.writeLongLE(linkAt, past);
    assertEquals(
        String.valueOf(past), finds(map::verify, "free-list link", linkAt, memory).found());

    memory.write(0, image);
    memory.writeLongLE(HEAD_AT, past);
    assertEquals(
        String.valueOf(past), finds(map::verify, "free-list head", HEAD_AT, memory).found());

    memory.write(0, image);
    memory.writeLongLE(linkAt, last);
    assertEquals("00 00 00 00", finds(map::verify, "chunk header", last, memory).found());
    VerifyReport report = map.verify();
    assertEquals(1, report.findingCount(), report::toString);
  }

  /**
   * Each of the four bytes of magic and version, changed alone, is the chunk header's finding: on
   * the free list it ends the walk (the frontier is then unknown); on a node the node is read all
   * the same.
   */
  @Test
  void aChunkHeaderDamagedByteByByteIsFound() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<Long, Long> map = BTreeVerifierTest.mapWithFreeChunks(memory);
    byte[] image = memory.toByteArray();
    long head = memory.readLongLE(HEAD_AT);
    long rootChunk = BTreeHeader.read(memory).root() - Allocator.CHUNK_HEADER_SIZE;
    for (long chunk : new long[] {head, rootChunk}) {
      for (int i = 0; i < 4; i++) {
        memory.write(0, image);
        byte[] bytes = memory.readBytes(chunk, 4);
        bytes[i] ^= 0x20;
        memory.writeByte(chunk + i, bytes[i]);
        VerifyReport.Finding finding = finds(map::verify, "chunk header", chunk, memory);
        assertEquals("'CHK' version 1", finding.expected());
        assertEquals(ChunkAccounting.hex(bytes, 0, 4), finding.found());
        VerifyReport report = map.verify();
        assertEquals(1, report.findingCount(), report::toString);
        assertEquals(map.longSize(), report.count(VerifyReport.ENTRIES));
        assertEquals(chunk == rootChunk, report.counts().containsKey("totalChunks"), "byte " + i);
      }
    }
  }

  @Test
  void theAllocatedFlagsFindingSaysWhatTheChunkShouldHoldAndQuotesTheFlagUnsigned() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<Long, Long> map = BTreeVerifierTest.mapWithFreeChunks(memory);
    byte[] image = memory.toByteArray();
    long flagAt = BTreeHeader.read(memory).root() - Allocator.CHUNK_HEADER_SIZE + 4;
    memory.writeByte(flagAt, (byte) 0x80);
    VerifyReport.Finding inUse = finds(map::verify, "chunk allocated flag", flagAt, memory);
    assertEquals("1 (in use by the tree)", inUse.expected());
    assertEquals("128", inUse.found());

    memory.write(0, image);
    long freeFlagAt = memory.readLongLE(HEAD_AT) + 4;
    memory.writeByte(freeFlagAt, (byte) 1);
    VerifyReport.Finding free = finds(map::verify, "chunk allocated flag", freeFlagAt, memory);
    assertEquals("0 (on the free list)", free.expected());
    assertEquals("1", free.found());
  }

  @Test
  void aRootInTheFirstChunkIsInsideTheRegion() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<Long, Long> map = TestTrees.sequentialU64Map(memory, 1);
    assertEquals(BTreeFactory.FIRST_NODE, BTreeHeader.read(memory).root());
    assertEquals(1, clean(map::verify, memory).count(VerifyReport.ENTRIES));
  }

  /** An empty map's frontier is chunk 0: no chunk is inside the region, not even the first. */
  @Test
  void anEmptyMapsRegionHoldsNoChunk() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap.init(memory, Codecs.u64(), Codecs.u64());
    memory.writeLongLE(ROOT_AT, BTreeFactory.FIRST_NODE);
    memory.writeLongLE(LENGTH_AT, 1);
    Supplier<VerifyReport> verify =
        () -> BTreeVerifier.verify(memory, Codecs.u64(), Codecs.u64(), BTreeFactory.FIRST_NODE, 1);
    VerifyReport.Finding finding = finds(verify, "root", ROOT_AT, memory);
    assertEquals("a chunk's data address in [116, 116) on a stride of 291", finding.expected());
    assertEquals("116", finding.found());
    assertNoFindingAt(verify.get(), FIRST_CHUNK, U64_STRIDE);
  }

  /** A chunk past the frontier lies inside the memory but was never handed out: never read. */
  @Test
  void aRootPastTheFrontierIsFoundAndNotRead() {
    HeapMemory memory = new HeapMemory();
    TestTrees.sequentialU64Map(memory, 100);
    long frontier = frontier(memory);
    long root = frontier + U64_STRIDE + Allocator.CHUNK_HEADER_SIZE;
    memory.writeLongLE(ROOT_AT, root);
    Supplier<VerifyReport> verify =
        () -> BTreeVerifier.verify(memory, Codecs.u64(), Codecs.u64(), root, 100);
    VerifyReport.Finding finding = finds(verify, "root", ROOT_AT, memory);
    assertEquals(
        "a chunk's data address in [116, "
            + (frontier + Allocator.CHUNK_HEADER_SIZE)
            + ") on a stride of 291",
        finding.expected());
    assertEquals(String.valueOf(root), finding.found());
    assertNoFindingAt(verify.get(), frontier + U64_STRIDE, U64_STRIDE);
  }

  /**
   * With the frontier unknown, the region is every chunk whose data lies inside the memory. In one
   * page the last u64 chunk header (at 65,284) fits but its data would end 39 bytes past the end.
   */
  @Test
  void withTheFreeListBrokenTheRegionIsEveryChunkWhoseDataIsInsideTheMemory() {
    HeapMemory memory = new HeapMemory();
    TestTrees.sequentialU64Map(memory, 100);
    breakTheFreeList(memory);
    long root = BTreeHeader.read(memory).root();
    Supplier<VerifyReport> sound =
        () -> BTreeVerifier.verify(memory, Codecs.u64(), Codecs.u64(), root, 100);
    VerifyReport report = unchanged(sound, memory);
    assertEquals(1, report.findingCount(), report::toString);
    assertEquals(100, report.count(VerifyReport.ENTRIES), "every node is inside the region");

    long lastChunk = FIRST_CHUNK + 224 * U64_STRIDE;
    assertEquals(65_284, lastChunk);
    assertTrue(lastChunk + U64_STRIDE > memory.sizeInBytes());
    long last = lastChunk + Allocator.CHUNK_HEADER_SIZE;
    memory.writeLongLE(ROOT_AT, last);
    Supplier<VerifyReport> verify =
        () -> BTreeVerifier.verify(memory, Codecs.u64(), Codecs.u64(), last, 100);
    VerifyReport.Finding finding = finds(verify, "root", ROOT_AT, memory);
    assertEquals(
        "a chunk's data address in [116, " + (last + U64_STRIDE) + ") on a stride of 291",
        finding.expected());
    assertNoFindingAt(verify.get(), lastChunk, U64_STRIDE);
  }

  /**
   * Keys of u64 and values of at most 5 bytes give pages of 250 bytes, a stride of 266, and one
   * page holds exactly 246 chunks after the headers: (65,536 - 100) / 266. A root copied into the
   * last of them, with the free list broken, is read like any other.
   */
  @Test
  void aNodeWhoseDataEndsExactlyAtTheMemorysEndIsRead() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<Long, byte[]> map = StableBTreeMap.init(memory, Codecs.u64(), Codecs.blob(5));
    for (long i = 0; i < 5; i++) {
      map.put(i, new byte[] {(byte) i});
    }
    long stride = 266;
    assertEquals(stride, map.stats().chunkSize() + Allocator.CHUNK_HEADER_SIZE);
    assertEquals(0, (memory.sizeInBytes() - FIRST_CHUNK) % stride);
    long lastChunk = memory.sizeInBytes() - stride;
    long root = BTreeHeader.read(memory).root();
    memory.write(lastChunk, memory.readBytes(root - Allocator.CHUNK_HEADER_SIZE, (int) stride));
    long moved = lastChunk + Allocator.CHUNK_HEADER_SIZE;
    memory.writeLongLE(ROOT_AT, moved);
    breakTheFreeList(memory);
    Supplier<VerifyReport> verify =
        () -> BTreeVerifier.verify(memory, Codecs.u64(), Codecs.blob(5), moved, 5);
    VerifyReport report = unchanged(verify, memory);
    assertEquals(1, report.findingCount(), report::toString);
    finds(verify, "free-list head", HEAD_AT, memory);
    assertEquals(5, report.count(VerifyReport.ENTRIES));
  }

  private static void assertNoFindingAt(VerifyReport report, long from, long length) {
    assertTrue(
        report.findings().stream()
            .noneMatch(f -> f.address() >= from && f.address() < from + length),
        report::toString);
  }
}
