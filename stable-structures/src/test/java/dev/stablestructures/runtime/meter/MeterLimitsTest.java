package dev.stablestructures.runtime.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The IC defaults of each message kind, and the builder that changes them one by one. */
class MeterLimitsTest {
  private static final long GIB = 1L << 30;

  @Test
  void theIcDefaultsAreTheApplicationSubnetsCaps() {
    MeterLimits ic = MeterLimits.ic();
    assertEquals(
        new MeterLimits.Caps(40_000_000_000L, 2 * GIB, 2 * GIB), ic.of(MessageKind.UPDATE));
    assertEquals(
        new MeterLimits.Caps(300_000_000_000L, 8 * GIB, 8 * GIB), ic.of(MessageKind.UPGRADE));
    assertEquals(
        new MeterLimits.Caps(300_000_000_000L, 8 * GIB, 8 * GIB), ic.of(MessageKind.INSTALL));
    assertEquals(new MeterLimits.Caps(5_000_000_000L, GIB, GIB), ic.of(MessageKind.QUERY));
    assertEquals(40_000_000_000L, ic.instructions(MessageKind.UPDATE));
    assertEquals(GIB, ic.bytesRead(MessageKind.QUERY));
    assertEquals(8 * GIB, ic.bytesWritten(MessageKind.UPGRADE));
  }

  @Test
  void theBuilderChangesEachCapAndLeavesTheRest() {
    MeterLimits changed =
        MeterLimits.ic().toBuilder()
            .instructions(MessageKind.UPDATE, 7)
            .bytesRead(MessageKind.QUERY, 8)
            .bytesWritten(MessageKind.UPGRADE, 9)
            .build();
    assertEquals(new MeterLimits.Caps(7, 2 * GIB, 2 * GIB), changed.of(MessageKind.UPDATE));
    assertEquals(new MeterLimits.Caps(5_000_000_000L, 8, GIB), changed.of(MessageKind.QUERY));
    assertEquals(
        new MeterLimits.Caps(300_000_000_000L, 8 * GIB, 9), changed.of(MessageKind.UPGRADE));
    assertEquals(MeterLimits.ic().of(MessageKind.INSTALL), changed.of(MessageKind.INSTALL));
    assertNotEquals(MeterLimits.ic(), changed);
    assertEquals(MeterLimits.ic(), MeterLimits.ic().toBuilder().build());
    assertEquals(MeterLimits.ic().hashCode(), MeterLimits.ic().toBuilder().build().hashCode());
  }

  @Test
  void aBuiltInstanceDoesNotChangeWithItsBuilder() {
    MeterLimits.Builder builder = MeterLimits.builder().instructions(MessageKind.QUERY, 1);
    MeterLimits first = builder.build();
    builder
        .instructions(MessageKind.QUERY, 2)
        .caps(MessageKind.UPDATE, new MeterLimits.Caps(3, 4, 5));
    assertEquals(1, first.instructions(MessageKind.QUERY));
    assertEquals(MeterLimits.UNLIMITED, first.instructions(MessageKind.UPDATE));
    assertEquals(new MeterLimits.Caps(3, 4, 5), builder.build().of(MessageKind.UPDATE));
  }

  @Test
  void aFreshBuilderAndUnlimitedHaveNoCaps() {
    for (MessageKind kind : MessageKind.values()) {
      MeterLimits.Caps none =
          new MeterLimits.Caps(MeterLimits.UNLIMITED, MeterLimits.UNLIMITED, MeterLimits.UNLIMITED);
      assertEquals(none, MeterLimits.unlimited().of(kind));
      assertEquals(none, MeterLimits.builder().build().of(kind));
    }
  }

  @Test
  void aNegativeCapIsRefusedSayingWhichAndWhat() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MeterLimits.builder().bytesWritten(MessageKind.UPDATE, -5));
    assertEquals(
        "a cap on bytes written must be 0 or more (UNLIMITED for none), got -5", e.getMessage());
  }

  @Test
  void toStringListsEveryKind() {
    assertEquals(
        "MeterLimits[INSTALL: 300,000,000,000 instructions, read 8 GiB, written 8 GiB;"
            + " UPGRADE: 300,000,000,000 instructions, read 8 GiB, written 8 GiB;"
            + " UPDATE: 40,000,000,000 instructions, read 2 GiB, written 2 GiB;"
            + " QUERY: 5,000,000,000 instructions, read 1 GiB, written 1 GiB]",
        MeterLimits.ic().toString());
  }
}
