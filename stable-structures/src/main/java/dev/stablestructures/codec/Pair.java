package dev.stablestructures.codec;

/**
 * An immutable pair, the value type of {@link Tuple2Codec} (the crate's {@code (A, B)}). Equality
 * is the components' {@code equals}; order comes from the codec, not from this type.
 *
 * @param first the first component, not null
 * @param second the second component, not null
 * @param <A> the first type
 * @param <B> the second type
 */
public record Pair<A, B>(A first, B second) {
  /**
   * Checks that no component is null: stable structures do not store null.
   *
   * @param first the first component
   * @param second the second component
   */
  public Pair {
    if (first == null || second == null) {
      throw new NullPointerException("a pair's components must not be null");
    }
  }
}
