package dev.stablestructures.btreemap;

/**
 * Tests whether a number is a multiple of a fixed divisor without dividing (Hacker's Delight
 * 10-16). Node addresses are checked to lie on the allocator's chunk grid on every tree level
 * ({@link Allocator#onChunkGrid}), and a 64-bit division there cost more than the rest of the
 * check.
 *
 * <p>The divisor is {@code odd << shift}. An unsigned {@code n} is a multiple of it iff {@code
 * rotateRight(n * inverse(odd), shift)} is at most {@code (2^64 - 1) / divisor}, where {@code
 * inverse(odd)} is the multiplicative inverse modulo 2^64.
 */
final class StrideDivisibility {
  private final long oddInverse;
  private final int shift;
  private final long maxQuotient;

  /**
   * Prepares the test for one divisor.
   *
   * @param divisor a positive number
   */
  StrideDivisibility(long divisor) {
    if (divisor <= 0) {
      throw new IllegalArgumentException("divisor must be positive: " + divisor);
    }
    shift = Long.numberOfTrailingZeros(divisor);
    long odd = divisor >>> shift;
    long inverse = odd; // correct to 3 bits; each Newton step doubles that: 6, 12, 24, 48, 96
    for (int i = 0; i < 5; i++) {
      inverse *= 2 - odd * inverse;
    }
    oddInverse = inverse;
    maxQuotient = Long.divideUnsigned(-1L, divisor);
  }

  /**
   * Returns whether {@code n}, read as unsigned, is a multiple of the divisor.
   *
   * @param n the number
   * @return {@code Long.remainderUnsigned(n, divisor) == 0}
   */
  boolean isMultiple(long n) {
    return Long.compareUnsigned(Long.rotateRight(n * oddInverse, shift), maxQuotient) <= 0;
  }
}
