package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeapMemorySmokeTest {
  @Test
  void growsAndReadsBack() {
    HeapMemory memory = new HeapMemory();
    assertEquals(0, memory.grow(1));
    memory.writeLongLE(8, 0x0102030405060708L);
    assertEquals(0x0807060504030201L, memory.readLongBE(8));
  }
}
