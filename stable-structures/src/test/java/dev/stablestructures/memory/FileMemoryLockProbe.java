package dev.stablestructures.memory;

import dev.stablestructures.MemoryLockedException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A separate process for {@link FileMemoryLockTest}. {@code hold <file>} opens the memory, prints
 * {@code locked} and keeps it open until its standard input closes. {@code probe <file>} tries to
 * open it and prints {@code opened} or {@code refused: <message>}.
 */
public final class FileMemoryLockProbe {
  private FileMemoryLockProbe() {}

  /**
   * Runs the probe.
   *
   * @param args the mode ({@code hold} or {@code probe}) and the file
   * @throws IOException if standard input fails
   */
  public static void main(String[] args) throws IOException {
    Path path = Path.of(args[1]);
    if (args[0].equals("hold")) {
      try (FileMemory memory = FileMemory.open(path)) {
        memory.grow(1);
        memory.writeLongLE(0, 77);
        System.out.println("locked");
        System.out.flush();
        while (System.in.read() != -1) {
          // Wait for the parent to close our input.
        }
      }
    } else {
      try (FileMemory memory = FileMemory.open(path)) {
        System.out.println("opened " + memory.size() + " pages");
      } catch (MemoryLockedException e) {
        System.out.println("refused: " + e.getMessage());
      }
    }
  }
}
