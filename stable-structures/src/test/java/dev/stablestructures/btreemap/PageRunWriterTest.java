package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.memory.Memories;
import dev.stablestructures.testing.HeapWrapper;
import dev.stablestructures.testing.TestRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link PageRunWriter} writes exactly what one write per page would (the string's bytes into each
 * page's data, nothing else changed), and writes contiguous pages together.
 */
class PageRunWriterTest {
  static final int PAGE = 1024;
  static final int STRIDE = PAGE + Allocator.CHUNK_HEADER_SIZE;
  static final int PER_PAGE = PAGE - NodeLayout.OVERFLOW_DATA_OFFSET;

  /** A heap memory that counts bulk writes. */
  static final class Counting extends HeapWrapper {
    int writes;

    @Override
    public void write(long offset, byte[] src, int srcOffset, int length) {
      writes++;
      super.write(offset, src, srcOffset, length);
    }
  }

  /** The expected memory: one copy per page of the string, as the crate's writer does. */
  static byte[] perPage(int page, byte[] memory, long node, long[] pages, byte[] string) {
    byte[] out = memory.clone();
    int first = Math.min(string.length, page);
    System.arraycopy(string, 0, out, (int) node, first);
    int at = first;
    for (int p = 0; at < string.length; p++) {
      int n = Math.min(page - NodeLayout.OVERFLOW_DATA_OFFSET, string.length - at);
      System.arraycopy(string, at, out, (int) pages[p] + NodeLayout.OVERFLOW_DATA_OFFSET, n);
      at += n;
    }
    return out;
  }

  private static void check(long node, long[] pages, int length, long seed, int maxWrites) {
    check(PAGE, node, pages, length, seed, maxWrites);
  }

  private static void check(
      int page, long node, long[] pages, int length, long seed, int maxWrites) {
    Counting memory = new Counting();
    memory.grow(64);
    TestRandom r = new TestRandom(seed);
    byte[] noise = TestRandom.bytes((int) memory.sizeInBytes(), r.next());
    memory.write(0, noise);
    memory.writes = 0;
    byte[] string = TestRandom.bytes(length, r.next());
    byte[] expected = perPage(page, noise, node, pages, string);

    PageRunWriter w = new PageRunWriter(memory, new InternalNodeCache(0), page);
    w.begin(node, pages);
    // Pieces of every size, as saveV2 produces them (header, lengths, values).
    for (int at = 0; at < length; ) {
      int n = (int) Math.min(length - at, 1 + r.nextBelow(r.nextBelow(3) == 0 ? 5000 : 40));
      w.put(string, at, n);
      at += n;
    }
    w.finish();
    assertArrayEquals(expected, Memories.toByteArray(memory));
    assertTrue(memory.writes <= maxWrites, memory.writes + " writes > " + maxWrites);
  }

  private static long[] contiguous(long node, int count) {
    return contiguous(node, count, STRIDE);
  }

  private static long[] contiguous(long node, int count, int stride) {
    long[] pages = new long[count];
    for (int i = 0; i < count; i++) {
      pages[i] = node + (long) (i + 1) * stride;
    }
    return pages;
  }

  @Test
  void contiguousPagesAreWrittenInRunsOfAtMostTheBuffer() {
    long node = 64 + Allocator.CHUNK_HEADER_SIZE;
    int pages = 1000; // about 1 MiB: sixteen 64 KiB runs
    int length = PAGE + pages * PER_PAGE;
    check(
        node,
        contiguous(node, pages),
        length,
        1,
        (int) (pages * (long) STRIDE / PageRunWriter.RUN) + 2);
    check(node, contiguous(node, pages), length - 500, 2, 20);
    check(node, contiguous(node, 3), PAGE - 7, 3, 1); // the node's own page only
  }

  @Test
  void scatteredPagesAreEachWrittenAlone() {
    long node = 64 + Allocator.CHUNK_HEADER_SIZE;
    // Descending, with gaps, and one pair in order: the chain a freed node leaves on the free list.
    long[] pages = new long[40];
    for (int i = 0; i < pages.length; i++) {
      pages[i] = node + (long) (pages.length - i) * 2 * STRIDE;
    }
    pages[10] = pages[9] + STRIDE;
    int length = PAGE + pages.length * PER_PAGE - 3;
    check(node, pages, length, 4, pages.length + 1);
  }

  @Test
  void aRunWithoutRoomForTheHeadersBeforeTheNextPageIsWrittenFirst() {
    // Pages of 10 bytes less than the buffer: after the node's page, the 27 header bytes in front
    // of the next page do not fit the run, which is written before the next page's data.
    int page = PageRunWriter.RUN - 10;
    long node = 64 + Allocator.CHUNK_HEADER_SIZE;
    long[] pages = contiguous(node, 2, page + Allocator.CHUNK_HEADER_SIZE);
    check(page, node, pages, page + 2 * (page - NodeLayout.OVERFLOW_DATA_OFFSET) - 5, 5, 3);
  }
}
