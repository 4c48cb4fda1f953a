package dev.stablestructures.codec;

import dev.stablestructures.BoundExceededException;
import dev.stablestructures.memory.ByteArrays;
import java.math.BigInteger;

/**
 * The crate's {@code u128}: 16 bytes, big-endian, unsigned. Values are {@link BigInteger}s in
 * {@code [0, 2^128)}, so their natural order is the crate's; a value outside that range cannot be
 * encoded and gets a {@link BoundExceededException} (it does not fit the 16 bytes), never a silent
 * truncation. {@link #of(long, long)} builds a value from its two 64-bit halves.
 */
public final class U128Codec extends TwoWordCodec<BigInteger> {
  /** The single instance. */
  public static final U128Codec INSTANCE = new U128Codec();

  /** The largest value, {@code 2^128 - 1}. */
  public static final BigInteger MAX_VALUE = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  private U128Codec() {
    super("u128", Long.BYTES);
  }

  /**
   * Builds the value whose high and low 64 bits are given, both read as unsigned.
   *
   * @param high the upper 64 bits
   * @param low the lower 64 bits
   * @return the value, in {@code [0, 2^128)}
   */
  public static BigInteger of(long high, long low) {
    byte[] magnitude = new byte[16];
    ByteArrays.putLongBE(magnitude, 0, high);
    ByteArrays.putLongBE(magnitude, Long.BYTES, low);
    return new BigInteger(1, magnitude);
  }

  /**
   * {@inheritDoc}
   *
   * @throws BoundExceededException if the value is negative or at least {@code 2^128}
   */
  @Override
  public byte[] encode(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 128) {
      throw new BoundExceededException("a u128 must be in [0, 2^128), found " + value);
    }
    return super.encode(value);
  }

  @Override
  long high(BigInteger value) {
    return value.shiftRight(Long.SIZE).longValue();
  }

  @Override
  long low(BigInteger value) {
    return value.longValue();
  }

  @Override
  BigInteger join(long high, long low) {
    return of(high, low);
  }

  // BigInteger's own order, the same as the bytes' for values in range, without the shift high()
  // allocates.
  @Override
  public int compare(BigInteger a, BigInteger b) {
    return a.compareTo(b);
  }
}
