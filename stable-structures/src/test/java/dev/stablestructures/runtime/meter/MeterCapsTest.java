package dev.stablestructures.runtime.meter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.StableStructureException;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.runtime.meter.LimitExceededException.Limit;
import org.junit.jupiter.api.Test;

/**
 * Each cap trips at the call that would cross it, with the typed error; that call, and every later
 * write, reads or writes nothing (later reads pass uncharged, for the structures' reload).
 */
class MeterCapsTest {
  private final HeapMemory base = new HeapMemory();
  private final MeteredMemory memory = new MeteredMemory(base);

  {
    base.grow(1);
  }

  private Meter meter(MeterLimits.Builder caps) {
    Meter m = new Meter(MessageKind.UPDATE, caps.build());
    memory.setMeter(m);
    return m;
  }

  @Test
  void theWriteCapTripsAtTheBulkWriteThatCrossesItAndNothingIsWritten() {
    Meter m = meter(MeterLimits.builder().bytesWritten(MessageKind.UPDATE, 100));
    memory.write(0, TestBytes.ones(60));
    memory.write(60, TestBytes.ones(40)); // exactly at the cap: allowed
    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> memory.write(100, TestBytes.ones(1)));
    assertEquals(Limit.BYTES_WRITTEN, e.limit());
    assertEquals(100, e.cap());
    assertEquals(101, e.reached());
    assertEquals(100, e.report().bytesWritten(), "the report is what happened before the call");
    assertEquals(2, e.report().calls());
    assertEquals(0, base.readByte(100), "nothing written past the cap");
    assertEquals(1, base.readByte(99));
    assertEquals(m.report(), e.report(), "the refused call counted nothing");
    assertInstanceOf(StableStructureException.class, e);
  }

  @Test
  void theWriteCapTripsAtAPrimitiveWriteAndNoneOfItsBytesLand() {
    meter(MeterLimits.builder().bytesWritten(MessageKind.UPDATE, 10));
    memory.writeIntLE(0, -1);
    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> memory.writeLongLE(4, -1L));
    assertEquals(12, e.reached());
    assertEquals(0, base.readLongLE(4), "not even the bytes below the cap");
    assertEquals(-1, base.readIntLE(0));
  }

  @Test
  void theReadCapTripsAtTheReadThatCrossesIt() {
    base.writeLongLE(0, 77);
    Meter m = meter(MeterLimits.builder().bytesRead(MessageKind.UPDATE, 12));
    assertEquals(77, memory.readLongLE(0));
    byte[] dst = new byte[8];
    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> memory.read(0, dst));
    assertEquals(Limit.BYTES_READ, e.limit());
    assertEquals(12, e.cap());
    assertEquals(16, e.reached());
    assertEquals(8, m.report().bytesRead());
    assertArrayEquals(new byte[8], dst, "the refused read copied nothing");
  }

  @Test
  void theInstructionCapCountsTheNewPageAndTripsBeforeTheWrite() {
    Meter m = meter(MeterLimits.builder().instructions(MessageKind.UPDATE, 2_000));
    memory.writeByte(0, (byte) 5); // 21 + 1,000 = 1,021
    memory.writeByte(1, (byte) 5); // same page: 1,042
    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> memory.writeByte(4_096, (byte) 5));
    assertEquals(Limit.INSTRUCTIONS, e.limit());
    assertEquals(2_000, e.cap());
    assertEquals(1_042 + 21 + 1_000, e.reached());
    assertEquals(0, base.readByte(4_096));
    assertEquals(1, m.report().dirtyPages(), "the refused write marked no page");
    assertEquals(1_042, e.report().instructions());
  }

  @Test
  void theInstructionCapTripsOnAReadAndOnACharge() {
    MeterLimits caps =
        MeterLimits.builder()
            .instructions(MessageKind.QUERY, 20)
            .instructions(MessageKind.UPDATE, 1_000)
            .build();
    memory.setMeter(new Meter(MessageKind.QUERY, caps));
    LimitExceededException onRead =
        assertThrows(LimitExceededException.class, () -> memory.readByte(0));
    assertEquals(21, onRead.reached());
    assertEquals(MessageKind.QUERY, onRead.report().kind());

    Meter update = new Meter(MessageKind.UPDATE, caps);
    update.charge(999);
    update.charge(1); // exactly at the cap: allowed
    LimitExceededException onCharge =
        assertThrows(LimitExceededException.class, () -> update.charge(1));
    assertEquals(1_001, onCharge.reached());
    assertEquals(1_000, update.report().instructions());
    assertEquals(0, update.report().calls(), "a charge is not a call");
    Meter fresh = new Meter(MessageKind.UPDATE, caps);
    assertThrows(IllegalArgumentException.class, () -> fresh.charge(-1));
  }

  @Test
  void aTrippedMeterRefusesEveryLaterWriteAndChargeEvenIfTheTrapWasCaught() {
    Meter m = meter(MeterLimits.builder().bytesWritten(MessageKind.UPDATE, 4));
    LimitExceededException first =
        assertThrows(LimitExceededException.class, () -> memory.writeLongLE(0, 1));
    assertTrue(m.isExceeded());
    assertSame(first, m.exceeded().orElseThrow());
    LimitExceededException later =
        assertThrows(LimitExceededException.class, () -> memory.writeByte(0, (byte) 1));
    assertEquals(first.limit(), later.limit());
    assertThrows(LimitExceededException.class, () -> memory.write(0, new byte[1]));
    assertThrows(LimitExceededException.class, () -> m.charge(0));
    assertThrows(LimitExceededException.class, () -> m.chargeRead(1), "the meter itself refuses");
    assertEquals(0, base.readByte(0));
    assertEquals(0, m.report().calls());
  }

  @Test
  void afterATripReadsPassUnchargedSoARollingBackStructureCanReload() {
    base.writeLongLE(0, 77);
    Meter m = meter(MeterLimits.builder().instructions(MessageKind.UPDATE, 30));
    assertEquals(77, memory.readLongLE(0)); // 28
    assertThrows(LimitExceededException.class, () -> memory.readLongLE(0)); // would be 56
    assertEquals(77, memory.readLongLE(0));
    assertEquals(Long.reverseBytes(77), memory.readLongBE(0));
    byte[] dst = new byte[8];
    memory.read(0, dst);
    assertEquals(77, dst[0]);
    assertEquals(28, m.report().instructions(), "the reads after the trip are not charged");
    assertEquals(1, m.report().calls());
  }

  @Test
  void aMeterWithinItsCapsReportsNoTrip() {
    Meter m = meter(MeterLimits.ic().toBuilder());
    memory.writeLongLE(0, 1);
    assertFalse(m.exceeded().isPresent());
  }

  @Test
  void aRollbackAfterTheTripLeavesTheImageAsItWas() {
    base.writeLongLE(0, 99); // the state before the message
    byte[] before = Memories.toByteArray(base);
    Meter m = meter(MeterLimits.builder().bytesWritten(MessageKind.UPDATE, 5_000));
    try (var step = memory.journal().step()) {
      assertThrows(
          LimitExceededException.class,
          () -> {
            for (int i = 0; ; i++) {
              memory.writeLongLE(8L * i, i + 1);
            }
          });
      assertEquals(
          5_000, m.report().bytesWritten(), "625 writes of 8 bytes fit, the 626th does not");
      assertEquals(625, base.readLongLE(8 * 624));
      assertEquals(0, base.readLongLE(8 * 625), "nothing past the cap");
      assertTrue(step.isTopLevel());
    } // the host's rollback
    assertArrayEquals(before, Memories.toByteArray(base));
  }
}
