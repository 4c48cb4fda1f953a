package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.testing.VerifyChecks;
import java.time.Duration;

/** The check every test of a write on a damaged u64 → u64 image makes: refused, image unchanged. */
final class RefusedWrites {
  private RefusedWrites() {}

  /** A write on a tree. */
  interface Write {
    /** Runs the write. */
    void applyTo(BTree<Long, Long> tree);
  }

  /**
   * Loads the tree in {@code memory} and runs {@code write}: it must end, within 20 seconds, in a
   * {@link CorruptedStructureException}, and leave every byte of the image as it was.
   *
   * @return the exception's message
   */
  static String refused(HeapMemory memory, Write write) {
    byte[] before = VerifyChecks.image(memory);
    BTree<Long, Long> tree = BTreeFactory.load(memory, Codecs.u64(), Codecs.u64());
    CorruptedStructureException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () -> assertThrows(CorruptedStructureException.class, () -> write.applyTo(tree)));
    assertArrayEquals(before, VerifyChecks.image(memory), "a refused write changes nothing");
    return e.getMessage();
  }
}
