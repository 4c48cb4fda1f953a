package dev.stablestructures.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stablestructures.memory.Memory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a memory's image, to show that a rolled-back message left it byte for byte as it was.
 * A memory never shrinks while open, so pages a rolled-back message grew stay, zeroed: {@link
 * #assertUnchanged} checks the old bytes by their hash and the grown tail for zeros.
 */
final class Images {
  private Images() {}

  /** The image's size and the SHA-256 of its bytes. */
  record Snapshot(long size, String sha256) {}

  static Snapshot snapshot(Memory memory) {
    return new Snapshot(memory.sizeInBytes(), sha256(memory, memory.sizeInBytes()));
  }

  static String sha256(Memory memory, long length) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    byte[] chunk = new byte[Memory.PAGE_SIZE];
    for (long at = 0; at < length; at += chunk.length) {
      int n = (int) Math.min(chunk.length, length - at);
      memory.read(at, chunk, 0, n);
      sha.update(chunk, 0, n);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** The first {@code before.size} bytes hash as before, and any grown bytes are zero. */
  static void assertUnchanged(Snapshot before, Memory memory, String what) {
    assertEquals(before.sha256(), sha256(memory, before.size()), what + ": the image changed");
    long grown = memory.sizeInBytes() - before.size();
    if (grown > 0) {
      assertArrayEquals(
          new byte[(int) grown],
          memory.readBytes(before.size(), (int) grown),
          what + ": pages grown by the rolled-back message are not zero");
    }
  }
}
