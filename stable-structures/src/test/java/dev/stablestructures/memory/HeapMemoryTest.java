package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link HeapMemory}: the shared contract plus its construction rules. */
class HeapMemoryTest extends MemoryContractTest {
  @Override
  Memory create(long maxPages) {
    return new HeapMemory(maxPages);
  }

  @Test
  void maxPagesMustFitOneArray() {
    assertEquals(32_767, HeapMemory.MAX_PAGES);
    assertThrows(IllegalArgumentException.class, () -> new HeapMemory(-1));
    assertThrows(IllegalArgumentException.class, () -> new HeapMemory(HeapMemory.MAX_PAGES + 1));
    assertEquals(HeapMemory.MAX_PAGES, new HeapMemory().maxPages());
    assertEquals(5, new HeapMemory(5).maxPages());
  }

  @Test
  void ofCopiesAWholePageImage() {
    byte[] image = new byte[2 * PAGE];
    new Random(1).nextBytes(image);
    HeapMemory memory = HeapMemory.of(image);
    assertEquals(2, memory.size());
    assertArrayEquals(image, memory.toByteArray());
    byte first = image[0];
    image[0] = (byte) ~first;
    assertEquals(first, memory.readByte(0), "the image is copied, not shared");
    assertEquals(2, memory.grow(1));
    assertEquals(0, memory.readByte(2L * PAGE));
    assertEquals(0, HeapMemory.of(new byte[0]).size());
  }

  @Test
  void ofRejectsAPartialPage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HeapMemory.of(new byte[PAGE + 1]));
    assertEquals(
        "an image must be a whole number of 64 KiB pages, found 65537 bytes", e.getMessage());
  }

  @Test
  void growsPastTheCapacityItDoubledTo() {
    HeapMemory memory = new HeapMemory(100);
    for (int i = 0; i < 100; i++) {
      assertEquals(i, memory.grow(1));
      memory.writeLongLE((long) i * PAGE, i);
    }
    assertEquals(-1, memory.grow(1));
    for (int i = 0; i < 100; i++) {
      assertEquals(i, memory.readLongLE((long) i * PAGE));
      assertEquals(0, memory.readLongLE((long) i * PAGE + 8));
    }
    assertEquals(100L * PAGE, memory.toByteArray().length);
  }
}
