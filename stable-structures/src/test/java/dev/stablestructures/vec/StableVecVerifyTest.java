package dev.stablestructures.vec;

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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link StableVec#verify()}: published images and random workloads verify clean, and each kind of
 * damage gives its finding at its offset, with the image left as it was.
 */
class StableVecVerifyTest {
  private static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));

  @Test
  void publishedImagesVerifyClean() {
    HeapMemory u64 = HeapMemory.of(VectorFiles.published("vec-u64"));
    StableVec<Long> a = StableVec.load(u64, Codecs.u64());
    VerifyReport report = clean(a::verify, u64);
    assertEquals(a.len(), report.count(VerifyReport.ENTRIES));
    assertEquals(64 + 8 * a.len(), report.count(VerifyReport.BYTES_USED));

    HeapMemory blobs = HeapMemory.of(VectorFiles.published("vec-blob300"));
    StableVec<byte[]> b = StableVec.load(blobs, Codecs.blob(300));
    assertEquals(b.len(), clean(b::verify, blobs).count(VerifyReport.ENTRIES));
  }

  @Test
  void randomWorkloadsVerifyCleanAfterEveryBatch() {
    for (long seed = 1; seed <= (FULL ? 8 : 2); seed++) {
      TestRandom random = new TestRandom(seed);
      HeapMemory memory = new HeapMemory();
      StableVec<String> vec = StableVec.init(memory, new BoundedStringCodec(40));
      List<String> model = new ArrayList<>();
      for (int batch = 0; batch < (FULL ? 50 : 10); batch++) {
        for (int op = 0; op < 200; op++) {
          long choice = random.nextBelow(10);
          String value = TestRandom.letters((int) random.nextBelow(41), random.next());
          if (choice < 6 || model.isEmpty()) {
            vec.push(value);
            model.add(value);
          } else if (choice < 8) {
            int i = (int) random.nextBelow(model.size());
            vec.set(i, value);
            model.set(i, value);
          } else {
            vec.pop();
            model.remove(model.size() - 1);
          }
        }
        assertEquals(model.size(), clean(vec::verify, memory).count(VerifyReport.ENTRIES));
      }
    }
  }

  @Test
  void emptyAndZeroSizeVectorsVerifyClean() {
    HeapMemory memory = new HeapMemory();
    StableVec<Long> vec = StableVec.init(memory, Codecs.u64());
    assertEquals(0, clean(vec::verify, memory).count(VerifyReport.ENTRIES));
    HeapMemory units = new HeapMemory();
    StableVec<dev.stablestructures.codec.Unit> unitVec = StableVec.init(units, Codecs.unit());
    for (int i = 0; i < 1000; i++) {
      unitVec.push(dev.stablestructures.codec.Unit.INSTANCE);
    }
    assertEquals(1000, clean(unitVec::verify, units).count(VerifyReport.ENTRIES));
  }

  private static StableVec<String> strings(HeapMemory memory) {
    StableVec<String> vec = StableVec.init(memory, new BoundedStringCodec(300));
    for (int i = 0; i < 20; i++) {
      vec.push(TestRandom.letters(i * 10, i));
    }
    return vec;
  }

  @Test
  void headerDamageIsFound() {
    HeapMemory memory = new HeapMemory();
    StableVec<String> vec = strings(memory);
    byte[] image = memory.toByteArray();
    memory.writeByte(0, (byte) 'X');
    finds(vec::verify, "magic", 0, memory);
    memory.write(0, image);
    memory.writeByte(3, (byte) 2);
    finds(vec::verify, "layout version", 3, memory);
    memory.write(0, image);
    memory.writeIntLE(BaseVec.MAX_SIZE_OFFSET, 301);
    finds(vec::verify, "max element size", BaseVec.MAX_SIZE_OFFSET, memory);
    memory.write(0, image);
    memory.writeByte(BaseVec.FIXED_OFFSET, (byte) 1);
    finds(vec::verify, "fixed-size flag", BaseVec.FIXED_OFFSET, memory);
  }

  @Test
  void lengthsPastTheMemoryAreFoundWithoutReadingElements() {
    for (long length : new long[] {1L << 40, -1L, 65536 / 302 + 1}) {
      HeapMemory memory = new HeapMemory();
      StableVec<String> vec = strings(memory);
      memory.writeLongLE(BaseVec.LEN_OFFSET, length);
      VerifyReport.Finding finding = finds(vec::verify, "length", BaseVec.LEN_OFFSET, memory);
      assertEquals(Long.toUnsignedString(length), finding.found());
      finds(vec::verify, "cached length", BaseVec.LEN_OFFSET, memory);
    }
  }

  @Test
  void damagedElementsAreFound() {
    HeapMemory memory = new HeapMemory();
    StableVec<String> vec = strings(memory);
    long slot = 64 + 5 * 302L; // element 5: a 2-byte length, then up to 300 bytes
    byte[] image = memory.toByteArray();
    memory.writeShortLE(slot, 301);
    VerifyReport.Finding finding = finds(vec::verify, "element 5", slot, memory);
    assertTrue(finding.found().contains("301"), finding.toString());

    memory.write(0, image);
    memory.writeByte(slot + 2, (byte) 0xFF); // not UTF-8
    finding = finds(vec::verify, "element 5", slot, memory);
    assertTrue(finding.found().startsWith("DecodeException"), finding.toString());
    assertEquals(1, vec.verify().findingCount());
  }

  @Test
  void findingsAreCappedButCounted() {
    HeapMemory memory = new HeapMemory();
    StableVec<String> vec = StableVec.init(memory, new BoundedStringCodec(3));
    for (int i = 0; i < 500; i++) {
      vec.push("abc");
    }
    for (int i = 0; i < 500; i++) {
      memory.writeByte(64 + 4L * i + 1, (byte) 0xFF);
    }
    VerifyReport report = vec.verify();
    assertEquals(500, report.findingCount());
    assertEquals(VerifyReport.MAX_FINDINGS, report.findings().size());
    assertTrue(report.toString().endsWith("... 400 more"), report.toString());
  }
}
