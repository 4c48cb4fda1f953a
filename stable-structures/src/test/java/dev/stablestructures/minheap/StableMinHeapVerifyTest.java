package dev.stablestructures.minheap;

import static dev.stablestructures.testing.VerifyChecks.clean;
import static dev.stablestructures.testing.VerifyChecks.finds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.VerifyReport;
import dev.stablestructures.basevec.BaseVec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.testing.TestRandom;
import dev.stablestructures.testing.VectorFiles;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/**
 * {@link StableMinHeap#verify()}: the published image and random workloads verify clean, and a
 * broken heap order or damaged slot gives its finding at the slot's offset.
 */
class StableMinHeapVerifyTest {
  private static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));

  @Test
  void publishedImageVerifiesClean() {
    HeapMemory memory = HeapMemory.of(VectorFiles.published("minheap-u64"));
    StableMinHeap<Long> heap = StableMinHeap.load(memory, Codecs.u64());
    assertEquals(heap.len(), clean(heap::verify, memory).count(VerifyReport.ENTRIES));
  }

  @Test
  void randomWorkloadsVerifyCleanAfterEveryBatch() {
    for (long seed = 1; seed <= (FULL ? 8 : 2); seed++) {
      TestRandom random = new TestRandom(seed);
      HeapMemory memory = new HeapMemory();
      StableMinHeap<String> heap = StableMinHeap.init(memory, TestHeaps.boundedString(20));
      PriorityQueue<String> model = new PriorityQueue<>(Codecs.string());
      for (int batch = 0; batch < (FULL ? 50 : 10); batch++) {
        for (int op = 0; op < 200; op++) {
          if (random.nextBelow(3) == 0 && !model.isEmpty()) {
            assertEquals(model.poll(), heap.pop());
          } else {
            String value = TestRandom.letters((int) random.nextBelow(21), random.next());
            heap.push(value);
            model.add(value);
          }
        }
        assertEquals(model.size(), clean(heap::verify, memory).count(VerifyReport.ENTRIES));
      }
    }
  }

  @Test
  void brokenHeapOrderIsFound() {
    HeapMemory memory = new HeapMemory();
    StableMinHeap<Long> heap = StableMinHeap.init(memory, Codecs.u64());
    for (long i = 0; i < 100; i++) {
      heap.push(i * 3);
    }
    long slot7 = BaseVec.DATA_OFFSET + 7 * 8;
    long parent = memory.readLongBE(BaseVec.DATA_OFFSET + 3 * 8);
    memory.writeLongBE(slot7, parent - 1); // below its parent, element 3
    VerifyReport.Finding finding = finds(heap::verify, "heap order (element 7)", slot7, memory);
    assertEquals(String.valueOf(parent - 1), finding.found());
    assertTrue(finding.expected().startsWith("at least element 3 ("), finding.toString());

    memory.writeLongBE(slot7, parent); // equal to the parent is fine
    assertTrue(heap.verify().isOk());
    memory.writeLongBE(BaseVec.DATA_OFFSET, Long.MAX_VALUE); // the root above both children
    VerifyReport report = heap.verify();
    finds(heap::verify, "heap order (element 1)", BaseVec.DATA_OFFSET + 8, memory);
    finds(heap::verify, "heap order (element 2)", BaseVec.DATA_OFFSET + 16, memory);
    assertEquals(2, report.findingCount(), report::toString);
  }

  @Test
  void headerAndSlotDamageIsFound() {
    HeapMemory memory = new HeapMemory();
    StableMinHeap<String> heap = StableMinHeap.init(memory, TestHeaps.boundedString(20));
    for (int i = 0; i < 30; i++) {
      heap.push(TestRandom.letters(i % 20, i));
    }
    byte[] image = memory.toByteArray();
    memory.write(0, dev.stablestructures.StructureMagic.VEC.header(1)); // a vector's magic
    assertTrue(finds(heap::verify, "magic", 0, memory).found().contains("StableVec"));
    memory.write(0, image);
    long slot = BaseVec.DATA_OFFSET + 4 * 21L; // a 1-byte length, then up to 20 bytes
    memory.writeByte(slot, (byte) 21);
    finds(heap::verify, "element 4", slot, memory);
  }
}
