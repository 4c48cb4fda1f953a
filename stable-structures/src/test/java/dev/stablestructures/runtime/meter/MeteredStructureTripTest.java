package dev.stablestructures.runtime.meter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.runtime.meter.LimitExceededException.Limit;
import org.junit.jupiter.api.Test;

/**
 * A cap crossed in the middle of a structure's operation: the operation rolls itself back and
 * reloads the structure through the metered memory, so that reload must still read, while no byte
 * is written past the cap.
 */
class MeteredStructureTripTest {
  @Test
  void aMapWhosePutCrossedTheWriteCapIsRolledBackAndStillReadable() {
    HeapMemory base = new HeapMemory();
    MeteredMemory memory = new MeteredMemory(base);
    MemoryManager manager = MemoryManager.init(memory);
    StableBTreeMap<Long, byte[]> map =
        StableBTreeMap.init(manager.get(0), Codecs.u64(), Codecs.bytes());
    for (long k = 0; k < 200; k++) {
      map.put(k, new byte[100]);
    }
    byte[] before = Memories.toByteArray(base);

    Meter meter =
        new Meter(
            MessageKind.UPDATE,
            MeterLimits.builder().bytesWritten(MessageKind.UPDATE, 50_000).build());
    memory.setMeter(meter);
    long[] done = {0};
    try (var message = memory.journal().step()) {
      LimitExceededException e =
          assertThrows(
              LimitExceededException.class,
              () -> {
                for (long k = 1_000; ; k++) {
                  map.put(k, new byte[3_000]);
                  done[0]++;
                }
              });
      assertEquals(Limit.BYTES_WRITTEN, e.limit());
      assertTrue(meter.report().bytesWritten() <= 50_000, meter.toString());
      assertTrue(done[0] > 0 && done[0] < 17, "puts before the cap: " + done[0]);

      // The put that crossed the cap undid itself and reloaded the map through this memory.
      assertEquals(200 + done[0], map.size());
      for (long k = 0; k < 200; k++) {
        assertEquals(100, map.get(k).length);
      }
      assertEquals(3_000, map.get(1_000L + done[0] - 1).length);
      assertTrue(map.verify().isOk(), map.verify().toString());
      assertThrows(LimitExceededException.class, () -> map.put(5L, new byte[1]), "still tripped");
      assertEquals(100, map.get(5L).length, "the refused put changed nothing");
      assertTrue(message.isTopLevel());
      memory.setMeter(null); // the host's rollback runs unmetered
    }
    // Pages grown inside the message stay, zeroed (a memory never shrinks); the rest is as before.
    byte[] after = Memories.toByteArray(base);
    assertArrayEquals(before, java.util.Arrays.copyOf(after, before.length));
    assertArrayEquals(
        new byte[after.length - before.length],
        java.util.Arrays.copyOfRange(after, before.length, after.length));
    assertEquals(200, map.size());
  }
}
