package dev.stablestructures.memory;

/**
 * The {@link Memory} contract on {@link FileMemory} with 4 KiB chunks, so the multi-byte tests
 * cross chunk boundaries and take the straddling paths.
 */
class FileMemorySmallChunkContractTest extends FileMemoryContractTest {
  @Override
  int chunkShift() {
    return FileMemory.MIN_CHUNK_SHIFT;
  }
}
