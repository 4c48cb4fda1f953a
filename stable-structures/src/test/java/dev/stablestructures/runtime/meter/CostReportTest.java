package dev.stablestructures.runtime.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The report's text: the line an author reads to see how close a message came to its cap. */
class CostReportTest {
  private static CostReport upgrade(long instructions) {
    return new CostReport(
        MessageKind.UPGRADE, instructions, 3, 4, 4_096, 1, 300_000_000_000L, 8L << 30, 8L << 30);
  }

  @Test
  void theSummaryGivesTheInstructionsAndTheirShareOfTheCap() {
    assertEquals(
        "1,234,567 instructions (0.0004% of 300,000,000,000)", upgrade(1_234_567).summary());
    assertEquals(
        "150,000,000,000 instructions (50.0000% of 300,000,000,000)",
        upgrade(150_000_000_000L).summary());
    assertEquals("0 instructions (0.0000% of 300,000,000,000)", upgrade(0).summary());
  }

  @Test
  void toStringGivesEveryCountAgainstItsCap() {
    assertEquals(
        "UPGRADE: 1,234,567 instructions (0.0004% of 300,000,000,000); 3 calls;"
            + " read 4 B (0.0000% of 8 GiB); wrote 4,096 B (0.0000% of 8 GiB); 1 dirty page",
        upgrade(1_234_567).toString());
  }

  @Test
  void aMeterReportsWhatItCounted() {
    Meter meter = new Meter(MessageKind.UPDATE, MeterLimits.ic());
    meter.chargeWrite(0, 4_096);
    meter.chargeRead(4);
    assertEquals(
        "UPDATE: 5,140 instructions (0.0000% of 40,000,000,000); 2 calls;"
            + " read 4 B (0.0000% of 2 GiB); wrote 4,096 B (0.0002% of 2 GiB); 1 dirty page",
        meter.report().toString());
    assertEquals(5_140 / 40_000_000_000.0, meter.report().fractionOfInstructionLimit(), 1e-15);
  }

  @Test
  void withoutCapsTheTextSaysSo() {
    CostReport report = CostReport.empty(MessageKind.QUERY, MeterLimits.unlimited());
    assertEquals("0 instructions (no limit)", report.summary());
    assertEquals(
        "QUERY: 0 instructions (no limit); 0 calls; read 0 B (no limit); wrote 0 B (no limit);"
            + " 0 dirty pages",
        report.toString());
    assertEquals(0, report.fractionOfInstructionLimit());
  }

  @Test
  void aNegativeCountIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new CostReport(MessageKind.UPDATE, -1, 0, 0, 0, 0, 1, 1, 1));
    assertThrows(NullPointerException.class, () -> new CostReport(null, 0, 0, 0, 0, 0, 1, 1, 1));
  }

  @Test
  void theLimitErrorSaysWhichCapTheCapAndTheAmountReached() {
    Meter meter =
        new Meter(
            MessageKind.UPDATE,
            MeterLimits.ic().toBuilder().bytesWritten(MessageKind.UPDATE, 4_096).build());
    meter.chargeWrite(0, 4_000);
    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> meter.chargeWrite(4_000, 100));
    assertEquals(
        "update message over its cap on bytes written: a write of 100 bytes at 4,000 would reach"
            + " 4,100, the cap is 4,096 (so far: UPDATE: 5,020 instructions (0.0000% of"
            + " 40,000,000,000); 1 call; read 0 B (0.0000% of 2 GiB); wrote 4,000 B (97.6563% of"
            + " 4,096 B); 1 dirty page)",
        e.getMessage());
  }
}
