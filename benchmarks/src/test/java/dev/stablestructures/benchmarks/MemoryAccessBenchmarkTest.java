package dev.stablestructures.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Catches a broken MemoryAccessBenchmark: all four paths read and write the same bytes. */
class MemoryAccessBenchmarkTest {
  @Test
  void everyPathReadsAndWritesTheSameBytes() throws Exception {
    MemoryAccessBenchmark b = new MemoryAccessBenchmark();
    b.mebibytes = 1;
    b.setUp();
    try {
      ByteBuffer array = ByteBuffer.wrap(b.array).order(ByteOrder.LITTLE_ENDIAN);
      ByteBuffer mapped = b.mapped.duplicate().order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < 500; i++) {
        int at = b.offsets[i];
        long expected = b.heap.readLongLE(at);
        assertEquals(expected, b.file.readLongLE(at));
        assertEquals(expected, array.getLong(at));
        assertEquals(expected, mapped.getLong(at));
        b.next = i;
        assertEquals(expected, b.arrayReadLong());
        b.next = i;
        assertEquals(expected, b.mappedReadLong());
        b.next = i;
        assertEquals(expected, b.heapReadLong());
        b.next = i;
        assertEquals(expected, b.fileReadLong());
        byte[] bulk = b.heap.readBytes(at, 64);
        b.next = i;
        assertArrayEquals(bulk, b.arrayRead64());
        b.next = i;
        assertArrayEquals(bulk, b.mappedRead64());
        b.next = i;
        assertArrayEquals(bulk, b.heapRead64());
        b.next = i;
        assertArrayEquals(bulk, b.fileRead64());
      }
      for (int i = 0; i < 500; i++) {
        int at = b.offsets[i];
        b.next = i;
        b.arrayWriteLong();
        b.next = i;
        b.mappedWriteLong();
        b.next = i;
        b.heapWriteLong();
        b.next = i;
        b.fileWriteLong();
        assertEquals(at, array.getLong(at));
        assertEquals(at, mapped.getLong(at));
        assertEquals(at, b.heap.readLongLE(at));
        assertEquals(at, b.file.readLongLE(at));
      }
    } finally {
      b.tearDown();
    }
  }
}
