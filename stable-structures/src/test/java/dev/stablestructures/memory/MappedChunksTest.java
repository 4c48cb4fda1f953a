package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link MappedChunks#aheadOf}, the length a grow inside a transaction maps to, as its Javadoc
 * states it: the end of the chunk holding the last byte (at least a {@link MappedChunks#MIN_AHEAD}
 * step), never past the limit, never short of the length. The file tests only grow a few pages, all
 * inside the first step; these are the cases past it.
 */
class MappedChunksTest {
  static final long MIB = 1L << 20;

  @Test
  void aLengthAlreadyAtTheEndOfAStepIsNotMappedFurther() {
    // 4 KiB chunks: the step is MIN_AHEAD (1 MiB); 1 MiB and 2 MiB end a step exactly.
    assertEquals(MIB, MappedChunks.aheadOf(MIB, FileMemory.MIN_CHUNK_SHIFT, Long.MAX_VALUE));
    assertEquals(2 * MIB, MappedChunks.aheadOf(2 * MIB, FileMemory.MIN_CHUNK_SHIFT, 1L << 40));
    assertEquals(64 * MIB, MappedChunks.aheadOf(64 * MIB, FileMemory.CHUNK_SHIFT, 1L << 40));
    assertEquals(2 * MIB, MappedChunks.aheadOf(MIB + 1, FileMemory.MIN_CHUNK_SHIFT, 1L << 40));
  }

  @Test
  void aLengthPastTheFirstChunkIsMappedToTheEndOfItsOwnChunk() {
    long chunk = 1L << FileMemory.CHUNK_SHIFT; // 64 MiB
    assertEquals(chunk, MappedChunks.aheadOf(Memory.PAGE_SIZE, FileMemory.CHUNK_SHIFT, 1L << 40));
    assertEquals(2 * chunk, MappedChunks.aheadOf(chunk + MIB, FileMemory.CHUNK_SHIFT, 1L << 40));
    assertEquals(
        3 * chunk,
        MappedChunks.aheadOf(2 * chunk + Memory.PAGE_SIZE, FileMemory.CHUNK_SHIFT, 1L << 40));
    assertEquals(5 * MIB, MappedChunks.aheadOf(4 * MIB + 1, FileMemory.MIN_CHUNK_SHIFT, 1L << 40));
  }

  @Test
  void theLimitCapsTheMappingButNeverBelowTheLength() {
    long chunk = 1L << FileMemory.CHUNK_SHIFT;
    assertEquals(
        100L * Memory.PAGE_SIZE,
        MappedChunks.aheadOf(Memory.PAGE_SIZE, FileMemory.CHUNK_SHIFT, 100L * Memory.PAGE_SIZE));
    assertEquals(chunk + MIB, MappedChunks.aheadOf(chunk + MIB, FileMemory.CHUNK_SHIFT, chunk));
  }
}
