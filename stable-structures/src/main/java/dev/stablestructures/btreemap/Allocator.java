package dev.stablestructures.btreemap;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.memory.ByteArrays;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;

/**
 * The B-tree's free-list allocator of fixed-size chunks, byte-identical to the crate's {@code
 * btreemap/allocator.rs}. Every node and every overflow page is one chunk. Freed chunks are reused
 * last-in first-out, so the order of {@link #allocate} and {@link #deallocate} calls decides every
 * address in the image.
 *
 * <pre>
 * Allocator header (at {@code headerAddress}, 48 bytes, little-endian):
 * +--------+------+---------------------------------------------------+
 * | offset | size | field                                             |
 * +--------+------+---------------------------------------------------+
 * |   0    |  3   | magic "BTA"                                       |
 * |   3    |  1   | version = 1                                       |
 * |   4    |  4   | padding (0)                                       |
 * |   8    |  8   | allocation size (chunk data bytes)                |
 * |  16    |  8   | number of allocated chunks                        |
 * |  24    |  8   | free-list head (address of a chunk header)        |
 * |  32    | 16   | reserved (0)                                      |
 * +--------+------+---------------------------------------------------+
 *
 * Chunk header (16 bytes, right before each chunk's data):
 * +--------+------+---------------------------------------------------+
 * |   0    |  3   | magic "CHK"                                       |
 * |   3    |  1   | version = 1                                       |
 * |   4    |  1   | allocated flag (0/1)                              |
 * |   5    |  3   | padding (0)                                       |
 * |   8    |  8   | next free chunk header (0 = none)                 |
 * +--------+------+---------------------------------------------------+
 * </pre>
 *
 * The free list always ends at the "frontier": a never-used chunk whose header is written when the
 * previous frontier is handed out, so the memory grows one chunk at a time.
 */
final class Allocator {
  static final int HEADER_SIZE = 48;
  static final int CHUNK_HEADER_SIZE = 16;
  static final byte[] MAGIC = {'B', 'T', 'A'};
  static final int ALLOCATION_SIZE = 8;
  static final int ALLOCATED_CHUNKS = 16;
  static final int FREE_LIST_HEAD = 24;
  static final int CHUNK_ALLOCATED = 4;
  static final int CHUNK_NEXT = 8;
  static final byte[] CHUNK_MAGIC = {'C', 'H', 'K'};
  static final int VERSION = 1;

  private final Memory memory;
  private final long headerAddress;
  private final long allocationSize;
  private long allocatedChunks;
  private long freeListHead;
  private final byte[] buffer = new byte[HEADER_SIZE];
  private final StrideDivisibility chunkGrid;

  private Allocator(Memory memory, long headerAddress, long allocationSize) {
    this.memory = memory;
    this.headerAddress = headerAddress;
    this.allocationSize = allocationSize;
    this.chunkGrid = new StrideDivisibility(chunkStride());
  }

  /** The crate's {@code Allocator::new}: a fresh allocator with no chunks, header written. */
  static Allocator create(Memory memory, long headerAddress, long allocationSize) {
    Allocator allocator = new Allocator(memory, headerAddress, allocationSize);
    allocator.clear();
    return allocator;
  }

  /**
   * Reads an allocator header, checking magic, version, the expected chunk size, the free-list head
   * and the count of allocated chunks (no more than the chunks below the memory's end).
   */
  static Allocator load(Memory memory, long headerAddress, long expectedAllocationSize) {
    if (memory.sizeInBytes() < headerAddress + HEADER_SIZE) {
      throw new CorruptedStructureException("the memory ends before the B-tree allocator header");
    }
    byte[] header = memory.readBytes(headerAddress, HEADER_SIZE);
    if (header[0] != MAGIC[0] || header[1] != MAGIC[1] || header[2] != MAGIC[2]) {
      throw new CorruptedStructureException(
          "bad allocator magic at offset " + headerAddress + ": expected 'BTA'");
    }
    if (header[3] != VERSION) {
      throw new CorruptedStructureException("unsupported allocator version " + (header[3] & 0xFF));
    }
    long size = ByteArrays.getLongLE(header, ALLOCATION_SIZE);
    if (size != expectedAllocationSize) {
      throw new CorruptedStructureException(
          "the allocator's chunk size is "
              + size
              + " but the B-tree header implies "
              + expectedAllocationSize);
    }
    Allocator allocator = new Allocator(memory, headerAddress, size);
    allocator.readCounters(header);
    return allocator;
  }

  /** Reads the allocated count and free-list head from a copy of the header, checking both. */
  private void readCounters(byte[] header) {
    long chunks = ByteArrays.getLongLE(header, ALLOCATED_CHUNKS);
    long head = ByteArrays.getLongLE(header, FREE_LIST_HEAD);
    checkChunkHeaderAddress(head, "free-list head");
    long capacity = (memory.sizeInBytes() - firstChunk()) / chunkStride();
    if (chunks < 0 || chunks > capacity) {
      throw new CorruptedStructureException(
          "the allocator claims "
              + Long.toUnsignedString(chunks)
              + " allocated chunks, but the memory holds at most "
              + capacity);
    }
    allocatedChunks = chunks;
    freeListHead = head;
  }

  /**
   * Reads the allocated count and free-list head again from memory, after a mutation that could not
   * be rolled back failed half-way (the tree then agrees with its image).
   */
  void reload() {
    readCounters(memory.readBytes(headerAddress, HEADER_SIZE));
  }

  /** Resets to no allocated chunks, as the crate's {@code clear}; memory is not zeroed. */
  void clear() {
    freeListHead = firstChunk();
    writeChunkHeader(freeListHead, false, 0);
    allocatedChunks = 0;
    save();
  }

  /** Hands out the head chunk and returns the address of its data. */
  long allocate() {
    long chunk = freeListHead;
    checkChunkHeaderAddress(chunk, "free-list head");
    checkChunkMagic(chunk);
    if (memory.readByte(chunk + CHUNK_ALLOCATED) != 0) {
      throw new CorruptedStructureException(
          "the free list points to chunk " + chunk + ", which is already allocated");
    }
    long next = memory.readLongLE(chunk + CHUNK_NEXT);
    long newHead;
    if (next != 0) {
      checkChunkHeaderAddress(next, "free-list link");
      newHead = next;
    } else {
      // The crate writes this header after marking the chunk; the ranges are disjoint, so doing
      // it first gives the same bytes and leaves the allocator intact if the memory cannot grow.
      newHead = chunk + chunkStride();
      writeChunkHeader(newHead, false, 0);
    }
    writeChunkHeader(chunk, true, next);
    freeListHead = newHead;
    allocatedChunks++;
    save();
    return chunk + CHUNK_HEADER_SIZE;
  }

  /** Returns the chunk whose data starts at {@code address} to the head of the free list. */
  void deallocate(long address) {
    long chunk = address - CHUNK_HEADER_SIZE;
    checkChunkHeaderAddress(chunk, "chunk to free");
    checkChunkMagic(chunk);
    if (memory.readByte(chunk + CHUNK_ALLOCATED) != 1) {
      throw new CorruptedStructureException("freeing chunk " + chunk + ", which is not allocated");
    }
    writeChunkHeader(chunk, false, freeListHead);
    freeListHead = chunk;
    allocatedChunks--;
    save();
  }

  private void save() {
    byte[] b = buffer;
    java.util.Arrays.fill(b, (byte) 0); // padding and reserved bytes
    b[0] = MAGIC[0];
    b[1] = MAGIC[1];
    b[2] = MAGIC[2];
    b[3] = VERSION;
    ByteArrays.putLongLE(b, ALLOCATION_SIZE, allocationSize);
    ByteArrays.putLongLE(b, ALLOCATED_CHUNKS, allocatedChunks);
    ByteArrays.putLongLE(b, FREE_LIST_HEAD, freeListHead);
    Memories.write(memory, headerAddress, b);
  }

  private void writeChunkHeader(long chunk, boolean allocated, long next) {
    byte[] b = new byte[CHUNK_HEADER_SIZE];
    b[0] = CHUNK_MAGIC[0];
    b[1] = CHUNK_MAGIC[1];
    b[2] = CHUNK_MAGIC[2];
    b[3] = VERSION;
    b[CHUNK_ALLOCATED] = (byte) (allocated ? 1 : 0);
    ByteArrays.putLongLE(b, CHUNK_NEXT, next);
    Memories.write(memory, chunk, b);
  }

  private void checkChunkMagic(long chunk) {
    if (memory.readByte(chunk) != CHUNK_MAGIC[0]
        || memory.readByte(chunk + 1) != CHUNK_MAGIC[1]
        || memory.readByte(chunk + 2) != CHUNK_MAGIC[2]
        || memory.readByte(chunk + 3) != VERSION) {
      throw new CorruptedStructureException("bad chunk header at offset " + chunk);
    }
  }

  /**
   * Whether {@code chunk} is at the first chunk or a whole number of chunks after it (it may lie
   * past the memory's end). Node addresses are checked with it on every tree level.
   */
  boolean onChunkGrid(long chunk) {
    long first = firstChunk();
    return chunk >= first && chunkGrid.isMultiple(chunk - first);
  }

  /** A chunk header address must be on the chunk grid and inside the memory. */
  private void checkChunkHeaderAddress(long chunk, String what) {
    if (!onChunkGrid(chunk) || chunk > memory.sizeInBytes() - CHUNK_HEADER_SIZE) {
      throw new CorruptedStructureException(
          "the " + what + " " + chunk + " is not a chunk of this allocator");
    }
  }

  long firstChunk() {
    return headerAddress + HEADER_SIZE;
  }

  long chunkStride() {
    return allocationSize + CHUNK_HEADER_SIZE;
  }

  long allocationSize() {
    return allocationSize;
  }

  /** Resets the cached header fields after the memory was rolled back to an earlier state. */
  void restore(long allocatedChunks, long freeListHead) {
    this.allocatedChunks = allocatedChunks;
    this.freeListHead = freeListHead;
  }

  long allocatedChunks() {
    return allocatedChunks;
  }

  long freeListHead() {
    return freeListHead;
  }

  Memory memory() {
    return memory;
  }

  /**
   * Walks the free list. Returns {count of free chunks, address of the frontier chunk header}; the
   * walk is bounded by the number of chunks the memory can hold.
   */
  long[] walkFreeList() {
    long limit = memory.sizeInBytes() / chunkStride() + 2;
    long chunk = freeListHead;
    long count = 0;
    while (true) {
      checkChunkHeaderAddress(chunk, "free-list entry");
      checkChunkMagic(chunk);
      long next = memory.readLongLE(chunk + CHUNK_NEXT);
      if (next == 0) {
        return new long[] {count, chunk};
      }
      count++;
      if (count > limit) {
        throw new CorruptedStructureException("the allocator's free list has a cycle");
      }
      chunk = next;
    }
  }

  /**
   * An allocator over a header that is neither read nor checked, for {@link BTreeVerifier}: it
   * gives the chunk geometry of the given size and is never written through.
   */
  static Allocator unchecked(Memory memory, long headerAddress, long allocationSize) {
    return new Allocator(memory, headerAddress, allocationSize);
  }
}
