package dev.stablestructures.runtime;

import dev.stablestructures.codec.Principal;

/**
 * The principals a host hands out, as the IC forms them: a canister id is the canister's index as 8
 * big-endian bytes followed by {@code 01 01} (so index 1 is {@code rrkah-fqaaa-aaaaa-aaaaq-cai},
 * the first id a local replica gives), and the anonymous principal is the single byte {@code 04}
 * ({@code 2vxsx-fae}). The textual form is {@link Principal#toText()}'s.
 */
public final class Principals {
  private static final int CANISTER_ID_LENGTH = 10;
  private static final byte OPAQUE_ID_CLASS = 0x01;
  private static final Principal ANONYMOUS = Principal.of(new byte[] {0x04});

  private Principals() {}

  /**
   * Returns the canister id with this index.
   *
   * @param index the canister's index, 0 or more
   * @return the 10-byte principal
   * @throws IllegalArgumentException if the index is negative
   */
  public static Principal canisterId(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("a canister index is 0 or more; found " + index);
    }
    byte[] bytes = new byte[CANISTER_ID_LENGTH];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (index >>> (56 - 8 * i));
    }
    bytes[8] = OPAQUE_ID_CLASS;
    bytes[9] = OPAQUE_ID_CLASS;
    return Principal.of(bytes);
  }

  /**
   * Returns the index of a canister id.
   *
   * @param principal the principal
   * @return its index, or -1 if it is not a canister id of {@link #canisterId}'s form
   */
  public static long canisterIndex(Principal principal) {
    byte[] bytes = principal.toBytes();
    if (bytes.length != CANISTER_ID_LENGTH
        || bytes[8] != OPAQUE_ID_CLASS
        || bytes[9] != OPAQUE_ID_CLASS
        || bytes[0] < 0) {
      return -1;
    }
    long index = 0;
    for (int i = 0; i < 8; i++) {
      index = index << 8 | (bytes[i] & 0xFF);
    }
    return index;
  }

  /**
   * Returns the anonymous principal, {@code 2vxsx-fae}: the caller when none is given.
   *
   * @return the anonymous principal
   */
  public static Principal anonymous() {
    return ANONYMOUS;
  }
}
