package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link Memory} contract on {@link FileMemory} with its real 64 MiB chunks; after each test
 * the file's length must equal the memory's size.
 */
class FileMemoryContractTest extends MemoryContractTest {
  @TempDir Path dir;
  private final List<FileMemory> opened = new ArrayList<>();

  int chunkShift() {
    return FileMemory.CHUNK_SHIFT;
  }

  @Override
  Memory create(long maxPages) {
    Path path = dir.resolve("memory-" + opened.size() + ".bin");
    FileMemory memory = FileMemory.open(path, maxPages, chunkShift(), FileIo.SYSTEM);
    opened.add(memory);
    return memory;
  }

  @AfterEach
  void lengthMatchesSizeAndClose() throws IOException {
    for (FileMemory memory : opened) {
      assertEquals(memory.sizeInBytes(), Files.size(memory.path()), memory.toString());
      memory.close();
    }
  }
}
