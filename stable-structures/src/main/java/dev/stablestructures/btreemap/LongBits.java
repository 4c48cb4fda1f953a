package dev.stablestructures.btreemap;

import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.I64Codec;
import dev.stablestructures.codec.U64Codec;

/**
 * Which codecs the primitive walks ({@link StableBTreeMap#forEachLong(LongEntryConsumer)}) read as
 * longs, and how: a {@code u64} is stored as its 8 bits big-endian, an {@code i64} as its bits with
 * the sign bit flipped (so that unsigned byte order is signed order). Reading the stored big-endian
 * long and XORing it with {@link #signFlip} gives the value either way.
 */
final class LongBits {
  private LongBits() {}

  /**
   * Returns what to XOR a stored big-endian long with to get the value of {@code codec}.
   *
   * @param role "key" or "value", for the message
   * @throws IllegalStateException if the codec is neither {@code u64} nor {@code i64}
   */
  static long signFlip(Codec<?> codec, String role) {
    if (codec instanceof U64Codec) {
      return 0;
    }
    if (codec instanceof I64Codec) {
      return Long.MIN_VALUE;
    }
    throw new IllegalStateException(
        "forEachLong needs u64 or i64 keys and values, but this map's "
            + role
            + " codec is "
            + codec);
  }
}
