package dev.stablestructures.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.VerifyReport;
import dev.stablestructures.memory.Memory;
import java.util.function.Supplier;

/**
 * Assertions for the structures' {@code verify()}: that it leaves every byte of the memories as it
 * found them, that a report is clean, and that a damaged image gives the expected finding.
 */
public final class VerifyChecks {
  private VerifyChecks() {}

  /**
   * Runs {@code verify} and asserts that it changed no byte and no size of the given memories.
   *
   * @param verify the call, such as {@code map::verify}
   * @param memories every memory the structure reads
   * @return the report
   */
  public static VerifyReport unchanged(Supplier<VerifyReport> verify, Memory... memories) {
    byte[][] before = new byte[memories.length][];
    for (int i = 0; i < memories.length; i++) {
      before[i] = image(memories[i]);
    }
    VerifyReport report = verify.get();
    for (int i = 0; i < memories.length; i++) {
      assertArrayEquals(before[i], image(memories[i]), "verify() changed memory " + i);
    }
    return report;
  }

  /**
   * Asserts that verify finds nothing (and leaves the memories unchanged).
   *
   * @param verify the call
   * @param memories every memory the structure reads
   * @return the clean report
   */
  public static VerifyReport clean(Supplier<VerifyReport> verify, Memory... memories) {
    VerifyReport report = unchanged(verify, memories);
    assertTrue(report.isOk(), () -> "expected a clean report, got " + report);
    assertEquals(0, report.findings().size(), report::toString);
    report.assertOk();
    return report;
  }

  /**
   * Asserts that verify reports a finding of {@code field} at {@code address}, leaves the memories
   * unchanged, and that {@code assertOk} throws.
   *
   * @param verify the call
   * @param field the finding's field
   * @param address the finding's address
   * @param memories every memory the structure reads
   * @return the finding
   */
  public static VerifyReport.Finding finds(
      Supplier<VerifyReport> verify, String field, long address, Memory... memories) {
    VerifyReport report = unchanged(verify, memories);
    assertThrows(CorruptedStructureException.class, report::assertOk);
    for (VerifyReport.Finding finding : report.findings()) {
      if (finding.field().equals(field) && finding.address() == address) {
        return finding;
      }
    }
    return fail("expected a finding '" + field + "' at " + address + ", got " + report);
  }

  /**
   * Copies a memory's bytes.
   *
   * @param memory the memory, small enough for an array
   * @return its bytes
   */
  public static byte[] image(Memory memory) {
    return memory.readBytes(0, Math.toIntExact(memory.sizeInBytes()));
  }
}
