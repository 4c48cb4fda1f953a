package dev.stablestructures.cell;

import static dev.stablestructures.testing.VerifyChecks.clean;
import static dev.stablestructures.testing.VerifyChecks.finds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.VerifyReport;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.testing.TestRandom;
import dev.stablestructures.testing.VectorFiles;
import org.junit.jupiter.api.Test;

/** {@link StableCell#verify()}: sound cells verify clean; each damage gives its finding. */
class StableCellVerifyTest {
  @Test
  void publishedImageVerifiesClean() {
    HeapMemory memory = HeapMemory.of(VectorFiles.published("cell-string"));
    StableCell<String> cell = StableCell.load(memory, Codecs.string());
    VerifyReport report = clean(cell::verify, memory);
    assertEquals(cell.get().length(), report.count("valueLength"));
  }

  @Test
  void everySetVerifiesClean() {
    TestRandom random = new TestRandom(3);
    HeapMemory memory = new HeapMemory();
    StableCell<String> cell = StableCell.init(memory, Codecs.string(), "");
    for (int i = 0; i < 50; i++) {
      cell.set(TestRandom.letters((int) random.nextBelow(100_000), i));
      clean(cell::verify, memory);
    }
  }

  @Test
  void damageIsFound() {
    HeapMemory memory = new HeapMemory();
    StableCell<String> cell = StableCell.init(memory, Codecs.string(), "hello");
    byte[] image = memory.toByteArray();

    memory.writeByte(2, (byte) 'R');
    finds(cell::verify, "magic", 0, memory);
    memory.write(0, image);
    memory.writeByte(3, (byte) 0);
    finds(cell::verify, "layout version", 3, memory);

    memory.write(0, image);
    memory.writeIntLE(StableCell.LENGTH_OFFSET, -1); // 4 GiB - 1 in a one-page memory
    VerifyReport.Finding finding =
        finds(cell::verify, "value length", StableCell.LENGTH_OFFSET, memory);
    assertEquals("4294967295", finding.found());

    memory.write(0, image);
    memory.writeByte(StableCell.HEADER_SIZE, (byte) 0xFF);
    finding = finds(cell::verify, "value", StableCell.HEADER_SIZE, memory);
    assertTrue(finding.found().startsWith("DecodeException"), finding.toString());

    memory.write(0, image);
    memory.writeByte(StableCell.HEADER_SIZE, (byte) 'j'); // "jello": decodes, not what is cached
    finding = finds(cell::verify, "cached value", StableCell.HEADER_SIZE, memory);
    assertEquals("hello", finding.found());
  }

  @Test
  void boundedValuesAreCheckedAgainstTheirBound() {
    HeapMemory memory = new HeapMemory();
    StableCell<Long> cell = StableCell.init(memory, Codecs.u64(), 7L);
    clean(cell::verify, memory);
    memory.writeIntLE(StableCell.LENGTH_OFFSET, 9);
    finds(cell::verify, "value length", StableCell.LENGTH_OFFSET, memory);
  }
}
