package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.MemoryOutOfBoundsException;
import dev.stablestructures.testing.TestRandom;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class JournaledMemoryTest {
  static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));
  static final int P = Memory.PAGE_SIZE;

  /** Equal to the before-image, except for whole zero pages added at the end. */
  static void assertRolledBack(byte[] before, byte[] after) {
    assertTrue(after.length >= before.length, "the memory shrank");
    assertEquals(0, after.length % P);
    assertArrayEquals(before, Arrays.copyOf(after, before.length), "old content not restored");
    for (int i = before.length; i < after.length; i++) {
      if (after[i] != 0) {
        throw new AssertionError("added page byte " + i + " is " + after[i] + ", not 0");
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> randomTransactionsMatchTheModel() {
    int transactions = FULL ? 2000 : 200;
    return LongStream.of(1, 2, 3, 42)
        .mapToObj(
            seed ->
                DynamicTest.dynamicTest(
                    "seed " + seed,
                    () -> {
                      TestRandom r = new TestRandom(seed);
                      HeapMemory heap = new HeapMemory(12);
                      JournaledMemory memory = new JournaledMemory(heap);
                      JournalModel model = new JournalModel();
                      memory.grow(1);
                      model.grow(1);
                      for (int t = 0; t < transactions; t++) {
                        byte[] before = model.bytes.clone();
                        memory.begin();
                        int ops = (int) r.nextBelow(40);
                        for (int i = 0; i < ops; i++) {
                          if (r.nextBelow(12) == 0) {
                            long pages = r.nextBelow(3);
                            long old = memory.grow(pages);
                            if (old >= 0) {
                              model.grow(pages);
                            } else {
                              assertTrue(
                                  pages > 12 - heap.size(), "grow refused below the maximum");
                            }
                          } else {
                            JournalModel.randomWrite(r, memory, model, 3 * P);
                          }
                        }
                        assertTrue(memory.isRecording());
                        if (r.nextBelow(2) == 0) {
                          memory.commit();
                          assertArrayEquals(model.bytes, Memories.toByteArray(heap));
                        } else {
                          memory.rollback();
                          byte[] after = Memories.toByteArray(heap);
                          assertRolledBack(before, after);
                          model.bytes = after;
                        }
                        assertFalse(memory.isRecording());
                        assertEquals(0, memory.recordedWrites());
                        assertEquals(0, memory.recordedBytes());
                      }
                    }));
  }

  @Test
  void writesOutsideTransactionsAreNotRecorded() {
    JournaledMemory memory = new JournaledMemory(new HeapMemory());
    memory.grow(1);
    memory.writeLongLE(0, 7);
    assertEquals(0, memory.recordedWrites());
    assertEquals(7, memory.readLongLE(0));
    memory.begin();
    memory.writeLongLE(0, 9);
    memory.writeByte(3, (byte) 1);
    // Old bytes are saved per block, once per block and step.
    assertEquals(1, memory.recordedWrites());
    assertEquals(Journal.BLOCK_SIZE, memory.recordedBytes());
    memory.rollback();
    assertEquals(7, memory.readLongLE(0));
  }

  @Test
  void everyPrimitiveRollsBack() {
    HeapMemory heap = new HeapMemory();
    heap.grow(2);
    for (int i = 0; i < 2 * P; i++) {
      heap.writeByte(i, (byte) (i * 31 + 7));
    }
    byte[] before = heap.toByteArray();
    JournaledMemory memory = new JournaledMemory(heap);
    memory.begin();
    long edge = P - 3; // every multi-byte write straddles the page boundary
    memory.writeByte(edge, (byte) 0);
    memory.writeShortLE(edge + 2, 0xFFFF);
    memory.writeIntLE(edge, -1);
    memory.writeLongLE(edge - 2, -1L);
    memory.writeIntBE(edge + 1, 0x01020304);
    memory.writeLongBE(edge - 4, 0x0102030405060708L);
    assertEquals(0x0102030405060708L, memory.readLongBE(edge - 4));
    assertEquals(0x0807060504030201L, memory.readLongLE(edge - 4));
    memory.write(edge - 100, new byte[300]);
    memory.write(0, new byte[] {9, 9, 9, 9}, 1, 2);
    assertEquals(9, memory.readByte(0));
    memory.rollback();
    assertArrayEquals(before, heap.toByteArray());
  }

  @Test
  void writesIntoAddedPagesRollBackToZero() {
    HeapMemory heap = new HeapMemory();
    heap.grow(1);
    heap.writeLongLE(P - 8, 0x1111111111111111L);
    JournaledMemory memory = new JournaledMemory(heap);
    memory.begin();
    assertEquals(1, memory.grow(2));
    memory.write(P - 4, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}); // straddles the old end
    memory.writeLongLE(P + 100, 5);
    memory.writeLongLE(P + 100, 6); // twice in the same fresh bytes
    memory.write(2 * P - 10, new byte[20]);
    // The writes that lie wholly in added pages copy no bytes: only the old end's last block.
    assertEquals(Journal.BLOCK_SIZE, memory.recordedBytes());
    memory.rollback();
    assertEquals(3, heap.size());
    byte[] expected = new byte[3 * P];
    ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN).putLong(P - 8, 0x1111111111111111L);
    assertArrayEquals(expected, heap.toByteArray());
  }

  @Test
  void commitKeepsWritesAndGrows() {
    HeapMemory heap = new HeapMemory();
    JournaledMemory memory = new JournaledMemory(heap);
    memory.begin();
    memory.grow(1);
    memory.writeLongLE(8, 42);
    memory.commit();
    assertEquals(1, heap.size());
    assertEquals(42, heap.readLongLE(8));
    assertThrows(IllegalStateException.class, memory::rollback);
  }

  @Test
  void transactionsDoNotNest() {
    JournaledMemory memory = new JournaledMemory(new HeapMemory());
    assertThrows(IllegalStateException.class, memory::commit);
    assertThrows(IllegalStateException.class, memory::rollback);
    memory.begin();
    assertThrows(IllegalStateException.class, memory::begin);
    assertTrue(memory.isRecording());
    memory.commit();
    memory.begin();
    memory.rollback();
    assertFalse(memory.isRecording());
  }

  @Test
  void outOfBoundsWritesThrowAndRecordNothing() {
    HeapMemory heap = new HeapMemory();
    heap.grow(1);
    JournaledMemory memory = new JournaledMemory(heap);
    memory.begin();
    assertThrows(MemoryOutOfBoundsException.class, () -> memory.writeLongLE(P - 4, 1));
    assertThrows(MemoryOutOfBoundsException.class, () -> memory.writeByte(-1, (byte) 1));
    assertThrows(MemoryOutOfBoundsException.class, () -> memory.write(P, new byte[1]));
    assertThrows(MemoryOutOfBoundsException.class, () -> memory.write(0, new byte[4], 0, -1));
    assertEquals(0, memory.recordedWrites());
    memory.grow(1);
    assertEquals(1, memory.recordedWrites(), "the grow");
    // Past the start size: bounds are still checked before recording.
    assertThrows(MemoryOutOfBoundsException.class, () -> memory.write(2 * P - 2, new byte[4]));
    assertEquals(1, memory.recordedWrites());
    memory.rollback();
  }

  @Test
  void failedGrowChangesNothing() {
    HeapMemory heap = new HeapMemory(1);
    JournaledMemory memory = new JournaledMemory(heap);
    memory.begin();
    assertEquals(0, memory.grow(1));
    assertEquals(-1, memory.grow(1));
    memory.writeIntLE(0, 5);
    memory.rollback();
    assertArrayEquals(new byte[P], heap.toByteArray());
  }

  @Test
  void largeTransactionsRollBackAndBuffersAreReused() {
    HeapMemory heap = new HeapMemory();
    heap.grow(40);
    TestRandom r = new TestRandom(9);
    byte[] image = new byte[40 * P];
    for (int i = 0; i < image.length; i += 8) {
      ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putLong(i, r.next());
    }
    heap.write(0, image);
    JournaledMemory memory = new JournaledMemory(heap);
    for (int round = 0; round < 3; round++) {
      memory.begin();
      // About 2 MiB of overwritten bytes and many small records: the buffers grow past their
      // retained size and are released at the end.
      memory.write(0, new byte[2 * 1024 * 1024]);
      for (int i = 0; i < 200_000; i++) {
        memory.writeIntLE(r.nextBelow(40L * P - 4), i);
      }
      memory.rollback();
      assertArrayEquals(image, heap.toByteArray());
    }
  }

  @Test
  void readsSeeTheWrappedMemory() {
    HeapMemory heap = new HeapMemory();
    JournaledMemory memory = new JournaledMemory(heap);
    assertEquals(0, memory.grow(1));
    heap.writeLongBE(16, 0x0102030405060708L);
    assertEquals(0x0102030405060708L, memory.readLongBE(16));
    assertEquals(0x0807060504030201L, memory.readLongLE(16));
    assertEquals(0x01020304, memory.readIntBE(16));
    assertEquals(0x04030201, memory.readIntLE(16));
    assertEquals(0x0201, memory.readShortLE(16));
    assertEquals(1, memory.readByte(16));
    assertArrayEquals(new byte[] {1, 2}, memory.readBytes(16, 2));
    assertEquals(1, memory.size());
    assertEquals(P, memory.sizeInBytes());
    assertTrue(heap == memory.delegate());
  }
}
