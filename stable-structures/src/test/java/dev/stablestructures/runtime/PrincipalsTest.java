package dev.stablestructures.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stablestructures.codec.Principal;
import org.junit.jupiter.api.Test;

/** The IC's textual principals the runtime hands out, against ids known from the IC. */
class PrincipalsTest {
  @Test
  void knownIcIdsFormatAndParse() {
    assertEquals("aaaaa-aa", Principal.managementCanister().toText());
    assertEquals(Principal.managementCanister(), Principal.fromText("aaaaa-aa"));
    byte[] one = {0, 0, 0, 0, 0, 0, 0, 1, 1, 1};
    assertEquals("rrkah-fqaaa-aaaaa-aaaaq-cai", Principal.of(one).toText());
    assertArrayEquals(one, Principal.fromText("rrkah-fqaaa-aaaaa-aaaaq-cai").toBytes());
    assertEquals("rrkah-fqaaa-aaaaa-aaaaq-cai", Principals.canisterId(1).toText());
    assertEquals(
        "ryjl3-tyaaa-aaaaa-aaaba-cai", Principals.canisterId(2).toText()); // the ICP ledger
    assertEquals("2vxsx-fae", Principals.anonymous().toText());
  }

  @Test
  void canisterIndexesRoundTrip() {
    for (long index : new long[] {0, 1, 2, 255, 1L << 40, Long.MAX_VALUE}) {
      Principal id = Principals.canisterId(index);
      assertEquals(index, Principals.canisterIndex(id));
      assertEquals(id, Principal.fromText(id.toText()));
    }
    assertEquals(-1, Principals.canisterIndex(Principals.anonymous()));
    assertThrows(IllegalArgumentException.class, () -> Principals.canisterId(-1));
  }

  @Test
  void aWrongChecksumOrGroupingIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> Principal.fromText("rrkah-fqaaa-aaaaa-aaaar-cai"));
    assertThrows(
        IllegalArgumentException.class, () -> Principal.fromText("rrkahf-qaaa-aaaaa-aaaaq-cai"));
    assertThrows(IllegalArgumentException.class, () -> Principal.fromText("aaaaa-a!"));
  }
}
