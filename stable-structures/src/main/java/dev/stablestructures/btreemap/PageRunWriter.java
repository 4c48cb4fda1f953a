package dev.stablestructures.btreemap;

import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;

/**
 * Writes a V2 node's virtual byte string into its page and overflow pages (see {@link NodeLayout})
 * as it is produced, piece by piece, without building the whole string in one array first: a node
 * holding eleven 1 MiB values is 11 MiB.
 *
 * <p>Pages that lie one after another in memory are written together: a node's chain is mostly
 * chunks allocated one after another, where each page's data ends right before the next chunk's
 * header and the next page's own header. The writer keeps a run of up to {@value #RUN} bytes of
 * memory and, between two such pages, copies the 27 header bytes in between from memory into the
 * run, so the run is written back with one bulk write (one bounds check, one journal record)
 * instead of one per 1 KiB page. Those header bytes are written back as they were: every chunk
 * header and link of the chain is final before the string is written (see {@link NodeStore}).
 *
 * <pre>
 * memory:  | page j data (to its chunk's end) | chunk header j+1 | NOF + next | page j+1 data ...
 *          |&lt;---------- piece ------------->|&lt;-- 16 --------->|&lt;-- 11 ---->|&lt;--- piece ---
 * run:     [ piece j                          | the 27 bytes, read from memory | piece j+1 ...  ]
 * </pre>
 *
 * Used on the write path only, which is single-threaded: the run buffer is reused.
 */
final class PageRunWriter {
  /** The most bytes one run holds before it is written. */
  static final int RUN = 64 << 10;

  /** The bytes between two contiguous pages' data: a chunk header and an overflow header. */
  private static final int GAP = Allocator.CHUNK_HEADER_SIZE + NodeLayout.OVERFLOW_DATA_OFFSET;

  private final Memory memory;
  private final InternalNodeCache cache;
  private final int pageSize;
  private final byte[] run = new byte[RUN];

  /** The run: memory {@code [runStart, runStart + runLength)}, held in {@link #run}. */
  private long runStart;

  private int runLength;

  private long[] pages;

  /** The page being filled: -1 for the node's own page, else an index into {@link #pages}. */
  private int page;

  /** Where in memory the next byte goes, and how many bytes the current page still takes. */
  private long at;

  private int left;

  /**
   * @param memory the tree's memory
   * @param cache the cache every written chunk is dropped from (see {@link NodeStore})
   * @param pageSize the V2 page size
   */
  PageRunWriter(Memory memory, InternalNodeCache cache, int pageSize) {
    this.memory = memory;
    this.cache = cache;
    this.pageSize = pageSize;
  }

  /** Starts the string of the node at {@code node}, whose overflow pages are {@code overflows}. */
  void begin(long node, long[] overflows) {
    pages = overflows;
    page = -1;
    at = node;
    left = pageSize;
    runLength = 0;
    cache.forget(node);
  }

  /** Appends {@code length} bytes of {@code src} from {@code from} to the string. */
  void put(byte[] src, int from, int length) {
    while (length > 0) {
      if (left == 0) {
        long next = pages[++page];
        cache.forget(next);
        at = next + NodeLayout.OVERFLOW_DATA_OFFSET;
        left = pageSize - NodeLayout.OVERFLOW_DATA_OFFSET;
      }
      int n = Math.min(length, left);
      append(src, from, n);
      at += n;
      left -= n;
      from += n;
      length -= n;
    }
  }

  /** Writes what is still held; the string is then complete in memory. */
  void finish() {
    flush();
    pages = null;
  }

  /**
   * Adds a piece that goes to memory at {@link #at} to the run, writing the run first if needed.
   */
  private void append(byte[] src, int from, int n) {
    long where = at;
    long gap = where - (runStart + runLength);
    if (runLength > 0 && gap == GAP && runLength + GAP <= RUN) {
      // The next page's chunk header and overflow header, kept as they are.
      memory.read(where - GAP, run, runLength, GAP);
      runLength += GAP;
    } else if (runLength == 0 || gap != 0) {
      flush();
      runStart = where;
    }
    while (n > 0) {
      if (runLength == RUN) {
        flush();
        runStart = where;
      }
      int k = Math.min(n, RUN - runLength);
      System.arraycopy(src, from, run, runLength, k);
      runLength += k;
      from += k;
      where += k;
      n -= k;
    }
  }

  private void flush() {
    if (runLength > 0) {
      Memories.write(memory, runStart, run, 0, runLength);
      runLength = 0;
    }
  }
}
