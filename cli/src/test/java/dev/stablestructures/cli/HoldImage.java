package dev.stablestructures.cli;

import dev.stablestructures.memory.FileMemory;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A child process that opens a canister's image, as a long command would, and keeps it open (and so
 * locked) until its standard input closes: the other side of the "in use" tests.
 */
public final class HoldImage {
  private HoldImage() {}

  /**
   * Holds the image.
   *
   * @param args the image file
   * @throws IOException if standard input fails
   */
  public static void main(String[] args) throws IOException {
    try (FileMemory memory = FileMemory.open(Path.of(args[0]))) {
      System.out.println("holding " + memory.path());
      System.out.flush();
      System.in.read(); // until the test closes our input
    }
  }
}
