package dev.stablestructures.fuzz;

import dev.stablestructures.StableStructureException;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memory;
import java.util.Iterator;
import java.util.function.Supplier;

/**
 * How the fuzz targets turn the fuzzer's bytes into memories, and the checks they share.
 *
 * <p>An input is the start of a memory image: the memory has as many 64 KiB pages as the bytes need
 * (at least one), the bytes at offset 0 and zeros after them, so a published image whose tail is
 * zero can be kept as a seed without its tail. The memory may grow by {@link #GROW_PAGES} pages and
 * no more: a write that needs more is refused ({@code GrowFailedException}), which keeps a damaged
 * allocator from asking the heap for gigabytes.
 *
 * <p>A two-memory input (the Log's index and data) is split by its first two bytes:
 *
 * <pre>
 * offset size  field
 * ------ ----  --------------------------------------------------------
 *      0    2  n: length of the first memory's bytes (u16 big-endian),
 *              cut to what the input holds
 *      2    n  the first memory's bytes
 *    2+n  ...  the second memory's bytes
 * </pre>
 *
 * <p>A sparse input (the MemoryManager's, whose buckets start 64 KiB in) is a list of chunks, each
 * written at its offset, so that an image of mostly zero pages stays a few KiB:
 *
 * <pre>
 * offset size  field (repeated until the input ends)
 * ------ ----  --------------------------------------------------------
 *      0    4  offset (u32 big-endian), modulo {@link #SPARSE_BYTES}
 *      4    2  n: chunk length (u16 big-endian), cut to what the input holds
 *      6    n  the bytes written at offset
 * </pre>
 *
 * The memory has the pages the furthest chunk needs (at least one).
 */
final class FuzzMemories {
  /** The largest image a sparse input addresses: 64 pages (4 MiB). */
  static final int SPARSE_BYTES = 64 * Memory.PAGE_SIZE;

  /** How many pages past its image a fuzzed memory may grow. */
  static final int GROW_PAGES = 16;

  private FuzzMemories() {}

  /**
   * The memory whose image starts with {@code bytes[from, to)}.
   *
   * @param bytes the input
   * @param from first byte of the image
   * @param to end of the image (exclusive)
   * @return the memory
   */
  static HeapMemory memory(byte[] bytes, int from, int to) {
    int length = to - from;
    long pages = Math.max(1, (length + Memory.PAGE_SIZE - 1) / Memory.PAGE_SIZE);
    HeapMemory memory = new HeapMemory(pages + GROW_PAGES);
    memory.grow(pages);
    memory.write(0, bytes, from, length);
    return memory;
  }

  /**
   * The memory whose image starts with the whole input.
   *
   * @param bytes the input
   * @return the memory
   */
  static HeapMemory memory(byte[] bytes) {
    return memory(bytes, 0, bytes.length);
  }

  /**
   * The first and second memory of a two-memory input (the framing in the class comment).
   *
   * @param bytes the input
   * @return the two memories
   */
  static HeapMemory[] twoMemories(byte[] bytes) {
    int n = bytes.length < 2 ? 0 : ((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF);
    int start = Math.min(2, bytes.length);
    int split = Math.min(bytes.length, start + n);
    return new HeapMemory[] {memory(bytes, start, split), memory(bytes, split, bytes.length)};
  }

  /**
   * The memory a sparse input describes (the chunk framing in the class comment).
   *
   * @param bytes the input
   * @return the memory
   */
  static HeapMemory sparseMemory(byte[] bytes) {
    long end = 0;
    for (int at = 0; at + 6 <= bytes.length; ) {
      int n = Math.min(chunkLength(bytes, at), bytes.length - at - 6);
      end = Math.max(end, chunkOffset(bytes, at) + (long) n);
      at += 6 + n;
    }
    long pages = Math.max(1, (end + Memory.PAGE_SIZE - 1) / Memory.PAGE_SIZE);
    HeapMemory memory = new HeapMemory(pages + GROW_PAGES);
    memory.grow(pages);
    for (int at = 0; at + 6 <= bytes.length; ) {
      int n = Math.min(chunkLength(bytes, at), bytes.length - at - 6);
      memory.write(chunkOffset(bytes, at), bytes, at + 6, n);
      at += 6 + n;
    }
    return memory;
  }

  private static long chunkOffset(byte[] bytes, int at) {
    long offset =
        ((bytes[at] & 0xFFL) << 24)
            | ((bytes[at + 1] & 0xFF) << 16)
            | ((bytes[at + 2] & 0xFF) << 8)
            | (bytes[at + 3] & 0xFF);
    return offset % SPARSE_BYTES;
  }

  private static int chunkLength(byte[] bytes, int at) {
    return ((bytes[at + 4] & 0xFF) << 8) | (bytes[at + 5] & 0xFF);
  }

  /**
   * Runs one operation; a typed error of the library is an accepted outcome on a damaged image,
   * anything else escapes to the fuzzer as a finding.
   *
   * @param operation the operation
   */
  static void attempt(Runnable operation) {
    try {
      operation.run();
    } catch (StableStructureException expected) {
      // The contract on bad input: a typed error, and the next operation may still be tried.
    }
  }

  /**
   * Runs one read that answers a value, as {@link #attempt(Runnable)} does (the value is only
   * computed: decoding it is what the read is for).
   *
   * @param read the read
   */
  static void attempt(Supplier<?> read) {
    try {
      Object unused = read.get();
    } catch (StableStructureException expected) {
      // As above: a typed error is the contract.
    }
  }

  /**
   * Walks an iterator to its end, failing if it yields more elements than {@code memory} could hold
   * at one byte each: a walk the library did not bound.
   *
   * @param iterator the walk
   * @param memory the memory whose size bounds it
   * @return the number of elements
   */
  static long walk(Iterator<?> iterator, Memory memory) {
    long limit = memory.size() * Memory.PAGE_SIZE;
    long n = 0;
    while (iterator.hasNext()) {
      iterator.next();
      if (++n > limit) {
        throw new AssertionError("a walk yielded more than " + limit + " elements from " + memory);
      }
    }
    return n;
  }
}
