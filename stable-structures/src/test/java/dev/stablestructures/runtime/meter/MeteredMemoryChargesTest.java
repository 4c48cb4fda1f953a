package dev.stablestructures.runtime.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stablestructures.MemoryOutOfBoundsException;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exact charges of every access path of a {@link MeteredMemory}, computed by hand: 20 per call, 1
 * per byte, 1,000 per 4 KiB page the message writes for the first time.
 */
class MeteredMemoryChargesTest {
  private HeapMemory base;
  private MeteredMemory memory;
  private Meter meter;

  @BeforeEach
  void setUp() {
    base = new HeapMemory();
    base.grow(2); // 128 KiB: pages 0..31 of 4 KiB
    memory = new MeteredMemory(base);
    meter = new Meter(MessageKind.UPDATE, MeterLimits.unlimited());
    memory.setMeter(meter);
  }

  private void assertCounts(long instructions, long calls, long read, long written, long pages) {
    assertEquals(
        new CostReport(
            MessageKind.UPDATE,
            instructions,
            calls,
            read,
            written,
            pages,
            MeterLimits.UNLIMITED,
            MeterLimits.UNLIMITED,
            MeterLimits.UNLIMITED),
        meter.report());
  }

  @Test
  void eachPrimitiveReadIsOneCallOfItsWidth() {
    memory.readByte(0);
    assertCounts(21, 1, 1, 0, 0);
    memory.readShortLE(2);
    assertCounts(21 + 22, 2, 3, 0, 0);
    memory.readIntLE(4);
    assertCounts(43 + 24, 3, 7, 0, 0);
    memory.readLongLE(8);
    assertCounts(67 + 28, 4, 15, 0, 0);
    // Big-endian is the little-endian accessor plus a byte swap: still one call, not two.
    memory.readIntBE(16);
    assertCounts(95 + 24, 5, 19, 0, 0);
    memory.readLongBE(24);
    assertCounts(119 + 28, 6, 27, 0, 0);
  }

  @Test
  void eachBulkReadIsOneCallOfItsLength() {
    memory.read(0, new byte[100], 0, 100);
    assertCounts(120, 1, 100, 0, 0);
    memory.read(70_000, new byte[7]);
    assertCounts(120 + 27, 2, 107, 0, 0);
    memory.readBytes(5, 1_000);
    assertCounts(147 + 1_020, 3, 1_107, 0, 0);
    memory.read(0, new byte[0], 0, 0); // an empty call still costs its 20, as on the IC
    assertCounts(1_167 + 20, 4, 1_107, 0, 0);
  }

  @Test
  void eachPrimitiveWriteIsOneCallOfItsWidthPlusItsNewPages() {
    memory.writeByte(0, (byte) 1);
    assertCounts(21 + 1_000, 1, 0, 1, 1);
    memory.writeShortLE(2, 7); // page 0 again: no page charge
    assertCounts(1_021 + 22, 2, 0, 3, 1);
    memory.writeIntLE(4_096, 7); // page 1
    assertCounts(1_043 + 24 + 1_000, 3, 0, 7, 2);
    memory.writeLongLE(4_090, 7); // pages 0 and 1, both dirty already
    assertCounts(2_067 + 28, 4, 0, 15, 2);
    memory.writeLongLE(8_190, 7); // pages 1 and 2: only page 2 is new
    assertCounts(2_095 + 28 + 1_000, 5, 0, 23, 3);
    memory.writeIntBE(12_288, 7); // page 3
    assertCounts(3_123 + 24 + 1_000, 6, 0, 27, 4);
    memory.writeLongBE(12_300, 7); // page 3 again
    assertCounts(4_147 + 28, 7, 0, 35, 4);
    assertEquals(7L, base.readLongBE(12_300), "the write went through");
  }

  @Test
  void eachBulkWriteIsOneCallOfItsLengthPlusEveryNewPageItSpans() {
    memory.write(4_000, new byte[5_000], 0, 5_000); // bytes 4000..8999: pages 0, 1 and 2
    assertCounts(20 + 5_000 + 3_000, 1, 0, 5_000, 3);
    memory.write(8_192, new byte[10]); // page 2 again
    assertCounts(8_020 + 30, 2, 0, 5_010, 3);
    Memories.write(memory, 20_000, new byte[4]); // page 4; fits, so no grow: one call
    assertCounts(8_050 + 24 + 1_000, 3, 0, 5_014, 4);
    memory.write(0, new byte[0]); // empty: 20, and no page
    assertCounts(9_074 + 20, 4, 0, 5_014, 4);
  }

  @Test
  void aTwoByteWriteAcrossAPageBoundaryDirtiesTwoPages() {
    memory.writeShortLE(4_095, 0xABCD);
    assertCounts(22 + 2_000, 1, 0, 2, 2);
  }

  @Test
  void aPageIsChargedOnceAMessageAndAgainInTheNext() {
    memory.writeIntLE(100, 1);
    memory.writeIntLE(200, 2);
    memory.write(300, new byte[50]);
    assertCounts(24 + 1_000 + 24 + 70, 3, 0, 58, 1);
    Meter next = new Meter(MessageKind.UPDATE, MeterLimits.unlimited());
    memory.setMeter(next);
    memory.writeIntLE(100, 3);
    assertEquals(24 + 1_000, next.report().instructions(), "a new message dirties the page anew");
    assertEquals(1, next.report().dirtyPages());
  }

  @Test
  void readsDirtyNothing() {
    memory.readLongLE(0);
    memory.writeLongLE(0, 1);
    assertCounts(28 + 28 + 1_000, 2, 8, 8, 1);
  }

  @Test
  void anAccessOutsideTheMemoryThrowsAndIsNotCharged() {
    long end = base.sizeInBytes();
    assertThrows(MemoryOutOfBoundsException.class, () -> memory.writeLongLE(end - 4, 1));
    assertThrows(MemoryOutOfBoundsException.class, () -> memory.readIntLE(end));
    assertThrows(MemoryOutOfBoundsException.class, () -> memory.write(end - 1, new byte[2]));
    assertThrows(MemoryOutOfBoundsException.class, () -> memory.read(-1, new byte[1]));
    assertThrows(
        IndexOutOfBoundsException.class, () -> memory.write(0, new byte[4], 2, 3)); // array range
    assertCounts(0, 0, 0, 0, 0);
  }

  @Test
  void growIsNotChargedAndTheGrownPagesAreCharged() {
    assertEquals(2, memory.grow(1));
    assertEquals(3, memory.size());
    assertCounts(0, 0, 0, 0, 0);
    memory.writeByte(2L * 65_536, (byte) 1);
    assertCounts(21 + 1_000, 1, 0, 1, 1);
  }

  @Test
  void withoutAMeterEveryAccessPassesUncharged() {
    memory.setMeter(null);
    memory.writeLongLE(0, 42);
    memory.write(10, new byte[10]);
    assertEquals(42, memory.readLongLE(0));
    assertNull(memory.meter());
    assertCounts(0, 0, 0, 0, 0);
    assertThrows(MemoryOutOfBoundsException.class, () -> memory.readLongLE(-1));
  }

  @Test
  void aSupplierPicksTheMeterOfEachAccess() {
    AtomicReference<Meter> current = new AtomicReference<>();
    MeteredMemory supplied = new MeteredMemory(base, current::get);
    supplied.writeByte(0, (byte) 1); // no meter yet
    current.set(meter);
    supplied.writeByte(1, (byte) 1);
    assertSame(meter, supplied.meter());
    assertCounts(21 + 1_000, 1, 0, 1, 1);
    assertThrows(IllegalStateException.class, () -> supplied.setMeter(meter));
  }

  @Test
  void theMemoryAnswersItsBasesSizeAndJournal() {
    assertSame(base.journal(), memory.journal());
    assertEquals(base.size(), memory.size());
    assertEquals(base.sizeInBytes(), memory.sizeInBytes());
    assertSame(base, memory.base());
  }

  @Test
  void aRolledBackStepRestoresTheBaseAndTheMeterKeepsItsCount() {
    memory.writeLongLE(0, 1);
    try (var step = memory.journal().step()) {
      memory.writeLongLE(0, 2);
      memory.write(5_000, new byte[] {9, 9});
      assertEquals(2, base.readLongLE(0));
      assertEquals(true, step.isTopLevel());
    } // closed without commit: rolled back
    assertEquals(1, base.readLongLE(0));
    assertEquals(0, base.readByte(5_000));
    // The rollback writes the base directly: the message is charged what it did, not the undo.
    assertCounts(28 + 1_000 + 28 + 22 + 1_000, 3, 0, 18, 2);
  }
}
