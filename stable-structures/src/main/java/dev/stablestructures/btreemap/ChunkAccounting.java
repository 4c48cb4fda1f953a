package dev.stablestructures.btreemap;

import dev.stablestructures.VerifyReport;
import dev.stablestructures.memory.ByteArrays;
import dev.stablestructures.memory.Memory;
import java.util.BitSet;

/**
 * The allocator's half of {@link BTreeVerifier}: checks the allocator header (see {@link Allocator}
 * for its layout), walks the free list, keeps which chunks the tree reaches, and at the end checks
 * that every chunk below the frontier is exactly one of free or in use, and that the header's count
 * of allocated chunks agrees. Reads only.
 *
 * <p>Chunk {@code i} has its header at {@code firstChunk + i * stride} and its data 16 bytes later;
 * the "region" is the chunks below the frontier (the free list's last chunk, never handed out), or
 * every chunk the memory holds when the free list cannot be walked. Sets of chunks are bit sets
 * indexed by {@code i}, one bit per chunk, so a walk costs 1/1000 of the memory it covers at most.
 */
final class ChunkAccounting {
  private final Memory memory;
  private final Allocator allocator;
  private final VerifyReport.Builder report;
  private final long firstChunk;
  private final long stride;

  /** Chunks whose header lies inside the memory; the bit sets never index past it. */
  private final long chunksInMemory;

  private final BitSet free = new BitSet();
  private final BitSet used = new BitSet();

  /** The allocated-chunk count and free-list head stored in the header. */
  private long storedAllocated;

  private long freeCount;

  /** The frontier's chunk index, or -1 when the free list could not be walked to its end. */
  private long frontier = -1;

  ChunkAccounting(Memory memory, Allocator allocator, VerifyReport.Builder report) {
    this.memory = memory;
    this.allocator = allocator;
    this.report = report;
    this.firstChunk = allocator.firstChunk();
    this.stride = allocator.chunkStride();
    long room = memory.sizeInBytes() - firstChunk - Allocator.CHUNK_HEADER_SIZE;
    // Bit sets index with an int; no memory a JVM maps holds 2^31 chunks of 144 bytes or more.
    this.chunksInMemory = room < 0 ? 0 : Math.min(room / stride + 1, Integer.MAX_VALUE);
  }

  // ---------------------------------------------------------------- header and free list

  /** Checks the allocator header, then walks the free list from its head. */
  void checkAllocator(long headerAddress) {
    byte[] header = memory.readBytes(headerAddress, Allocator.HEADER_SIZE);
    byte[] magic = Allocator.MAGIC;
    if (header[0] != magic[0] || header[1] != magic[1] || header[2] != magic[2]) {
      report.finding(headerAddress, "allocator magic", "'BTA'", hex(header, 0, 3));
    }
    if (header[3] != Allocator.VERSION) {
      report.finding(headerAddress + 3, "allocator version", Allocator.VERSION, header[3] & 0xFF);
    }
    long size = ByteArrays.getLongLE(header, Allocator.ALLOCATION_SIZE);
    report.expect(
        headerAddress + Allocator.ALLOCATION_SIZE,
        "allocation size",
        allocator.allocationSize(),
        "the B-tree header's page size",
        size);
    storedAllocated = ByteArrays.getLongLE(header, Allocator.ALLOCATED_CHUNKS);
    walkFreeList(
        headerAddress + Allocator.FREE_LIST_HEAD,
        ByteArrays.getLongLE(header, Allocator.FREE_LIST_HEAD));
  }

  private void walkFreeList(long headAt, long head) {
    long referrer = headAt;
    String link = "free-list head";
    long highest = -1;
    for (long chunk = head; ; ) {
      long index = chunkIndex(chunk);
      if (index < 0) {
        report.finding(referrer, link, "a chunk header of this allocator", chunk);
        return;
      }
      if (free.get((int) index)) {
        report.finding(referrer, link, "a chunk not yet on the free list", chunk + " (a cycle)");
        return;
      }
      free.set((int) index);
      if (!checkChunkHeader(chunk, false)) {
        return;
      }
      long next = memory.readLongLE(chunk + Allocator.CHUNK_NEXT);
      if (next == 0) {
        frontier = index;
        break;
      }
      freeCount++;
      highest = Math.max(highest, index);
      referrer = chunk + Allocator.CHUNK_NEXT;
      link = "free-list link";
      chunk = next;
    }
    free.clear((int) frontier); // the frontier is never handed out: not a free chunk
    if (highest > frontier) {
      report.finding(
          chunkAddress(highest),
          "free chunk",
          "below the frontier chunk " + chunkAddress(frontier),
          "above it");
    }
  }

  /** Checks a chunk header's magic, version and allocated flag. */
  private boolean checkChunkHeader(long chunk, boolean allocated) {
    byte[] header = memory.readBytes(chunk, Allocator.CHUNK_HEADER_SIZE);
    byte[] magic = Allocator.CHUNK_MAGIC;
    if (header[0] != magic[0]
        || header[1] != magic[1]
        || header[2] != magic[2]
        || header[3] != Allocator.VERSION) {
      report.finding(chunk, "chunk header", "'CHK' version 1", hex(header, 0, 4));
      return false;
    }
    int flag = header[Allocator.CHUNK_ALLOCATED];
    if (flag != (allocated ? 1 : 0)) {
      report.finding(
          chunk + Allocator.CHUNK_ALLOCATED,
          "chunk allocated flag",
          (allocated ? 1 : 0) + (allocated ? " (in use by the tree)" : " (on the free list)"),
          flag & 0xFF);
    }
    return true;
  }

  // ---------------------------------------------------------------- chunks the tree reaches

  /**
   * Records that the tree reaches the chunk whose data starts at {@code address}, checking it
   * first: on the chunk grid, inside the region, reached once, not free, with an allocated chunk
   * header. A chunk reached twice is not read again, which bounds the walk.
   *
   * @param referrer the address of the field that points to it
   * @param field that field's name, for the finding
   * @return whether the chunk's data may be read
   */
  boolean reach(long address, long referrer, String field) {
    long chunk = address - Allocator.CHUNK_HEADER_SIZE;
    long index = chunkIndex(chunk);
    long region = frontier >= 0 ? frontier : chunksInMemory;
    if (index < 0
        || index >= region
        || address > memory.sizeInBytes() - allocator.allocationSize()) {
      report.finding(
          referrer,
          field,
          "a chunk's data address in ["
              + (firstChunk + Allocator.CHUNK_HEADER_SIZE)
              + ", "
              + (chunkAddress(region) + Allocator.CHUNK_HEADER_SIZE)
              + ") on a stride of "
              + stride,
          address);
      return false;
    }
    if (used.get((int) index)) {
      report.finding(referrer, field, "a chunk reached once", address + " (reached twice)");
      return false;
    }
    used.set((int) index);
    if (free.get((int) index)) {
      report.finding(referrer, field, "a chunk in use", address + " (also on the free list)");
    }
    checkChunkHeader(chunk, true); // a damaged chunk header leaves the node itself readable
    return true;
  }

  /** Checks the counts once the tree is walked, and records them in the report. */
  void finish(long headerAddress) {
    long reached = used.cardinality();
    long countAt = headerAddress + Allocator.ALLOCATED_CHUNKS;
    report.expect(
        countAt,
        "allocated chunks",
        reached,
        "nodes and overflow pages reached from the root",
        storedAllocated);
    report.count(VerifyReport.FREE_CHUNKS, freeCount);
    report.count("allocatedChunks", storedAllocated);
    if (frontier < 0) {
      return;
    }
    if (freeCount + storedAllocated != frontier) {
      report.finding(
          countAt,
          "free + allocated chunks",
          frontier + " (the chunks below the frontier)",
          freeCount + " + " + Long.toUnsignedString(storedAllocated));
    }
    BitSet leaked = new BitSet();
    leaked.set(0, (int) frontier);
    leaked.andNot(free);
    leaked.andNot(used);
    if (!leaked.isEmpty()) {
      report.finding(
          chunkAddress(leaked.nextSetBit(0)),
          "chunk",
          "in use by the tree or on the free list",
          "neither (" + leaked.cardinality() + " such chunks)");
    }
    report.count("totalChunks", frontier);
    report.count(VerifyReport.BYTES_USED, chunkAddress(frontier) + Allocator.CHUNK_HEADER_SIZE);
  }

  /** The index of a chunk header address, or -1 if it is off the grid or past the memory. */
  private long chunkIndex(long chunk) {
    if (!allocator.onChunkGrid(chunk)) {
      return -1;
    }
    long index = (chunk - firstChunk) / stride;
    return index < chunksInMemory ? index : -1;
  }

  private long chunkAddress(long index) {
    return firstChunk + index * stride;
  }

  static String hex(byte[] bytes, int from, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = from; i < from + length && i < bytes.length; i++) {
      text.append(i == from ? "" : " ").append(String.format("%02X", bytes[i] & 0xFF));
    }
    return text.toString();
  }
}
