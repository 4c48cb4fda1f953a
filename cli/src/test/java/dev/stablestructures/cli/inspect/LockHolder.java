package dev.stablestructures.cli.inspect;

import dev.stablestructures.memory.FileMemory;
import java.io.IOException;

/** A child process that holds an image open read-write until its standard input closes. */
public final class LockHolder {
  private LockHolder() {}

  /**
   * Opens the image (creating a one-page StableVec image), prints "locked", waits.
   *
   * @param args the image's path
   * @throws IOException if standard input fails
   */
  public static void main(String[] args) throws IOException {
    try (FileMemory memory = FileMemory.open(java.nio.file.Path.of(args[0]))) {
      memory.grow(1);
      memory.write(0, new byte[] {'S', 'V', 'C', 1, 0, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 1});
      System.out.println("locked");
      System.out.flush();
      while (System.in.read() != -1) {
        // Wait for the parent to close our input.
      }
    }
  }
}
