package dev.stablestructures.codec;

/**
 * The integers of 1, 2 or 4 bytes: the crate's {@code u8}, {@code u16} and {@code u32}, and the
 * signed {@code i8}, {@code i16} and {@code i32} the crate lacks. A value is a {@link Byte}, {@link
 * Short} or {@link Integer} by the size; its stored bits are its own two's-complement bits, with
 * the sign bit flipped for a signed codec:
 *
 * <pre>
 * codec  size  stored bits (big-endian)     order
 * -----  ----  ---------------------------  ----------------------
 * uN     N/8   the value's N bits           unsigned, as the bytes
 * iN     N/8   the N bits, sign bit flipped signed, as the bytes
 * </pre>
 *
 * So the stored bits, read as an unsigned number, order exactly as the values do, and {@link
 * #compare} compares them. A subclass names only its name, size and signedness.
 *
 * @param <T> {@link Byte}, {@link Short} or {@link Integer}, as the size says
 */
abstract class IntegerCodec<T extends Number> extends NumberCodec<T> {
  /** The stored bits of the value 0: the sign bit for a signed codec, else nothing. */
  private final long signBit;

  /** The low {@code 8 * size} bits. */
  private final long mask;

  IntegerCodec(String name, int size, boolean signed) {
    super(name, size, true);
    this.mask = -1L >>> (Long.SIZE - Byte.SIZE * size);
    this.signBit = signed ? 1L << (Byte.SIZE * size - 1) : 0;
  }

  @Override
  final long bits(T value) {
    // The cast of the size's own box type: one direct unboxing, never a virtual Number call.
    long twosComplement =
        switch (size) {
          case Byte.BYTES -> ((Byte) value).byteValue();
          case Short.BYTES -> ((Short) value).shortValue();
          default -> ((Integer) value).intValue();
        };
    return (twosComplement ^ signBit) & mask;
  }

  @Override
  @SuppressWarnings("unchecked") // T is the box type of the size, as the constructor fixed it
  final T value(long bits) {
    long twosComplement = bits ^ signBit;
    Number value =
        switch (size) {
          case Byte.BYTES -> Byte.valueOf((byte) twosComplement);
          case Short.BYTES -> Short.valueOf((short) twosComplement);
          default -> Integer.valueOf((int) twosComplement);
        };
    return (T) value;
  }

  /** Orders by the stored bits, which order as the values (unsigned or signed, as the codec is). */
  @Override
  public final int compare(T a, T b) {
    return Long.compare(bits(a), bits(b));
  }
}
