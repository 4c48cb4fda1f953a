package dev.stablestructures.btreeset;

import static dev.stablestructures.testing.VerifyChecks.clean;
import static dev.stablestructures.testing.VerifyChecks.finds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stablestructures.VerifyReport;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.testing.TestRandom;
import dev.stablestructures.testing.VectorFiles;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link StableBTreeSet#verify()}: a set is a map to {@code ()}, verified by the map's walk (whose
 * checks {@code BTreeVerifierTest} damages one by one); here the published set, random workloads
 * and one damage through the set's own API.
 */
class StableBTreeSetVerifyTest {
  @Test
  void publishedImageVerifiesClean() {
    HeapMemory memory = HeapMemory.of(VectorFiles.published("btreeset-u32"));
    StableBTreeSet<Integer> set = StableBTreeSet.load(memory, Codecs.u32());
    VerifyReport report = clean(set::verify, memory);
    assertEquals(set.longSize(), report.count(VerifyReport.ENTRIES));
    assertEquals("StableBTreeMap", report.structure());
  }

  @Test
  void randomWorkloadsVerifyCleanAfterEveryBatch() {
    TestRandom random = new TestRandom(11);
    HeapMemory memory = new HeapMemory();
    StableBTreeSet<Long> set = StableBTreeSet.init(memory, Codecs.u64());
    TreeSet<Long> model = new TreeSet<>();
    for (int batch = 0; batch < 10; batch++) {
      for (int op = 0; op < 300; op++) {
        long element = random.nextBelow(1000);
        if (random.nextBelow(3) == 0) {
          set.remove(element);
          model.remove(element);
        } else {
          set.add(element);
          model.add(element);
        }
      }
      assertEquals(model.size(), clean(set::verify, memory).count(VerifyReport.ENTRIES));
    }
  }

  @Test
  void wrongLengthIsFound() {
    HeapMemory memory = new HeapMemory();
    StableBTreeSet<Long> set = StableBTreeSet.init(memory, Codecs.u64());
    for (long i = 0; i < 100; i++) {
      set.add(i);
    }
    memory.writeLongLE(20, 99); // the header's element count
    assertEquals("99", finds(set::verify, "length", 20, memory).found());
  }
}
