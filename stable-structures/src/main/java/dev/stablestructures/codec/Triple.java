package dev.stablestructures.codec;

/**
 * An immutable triple, the value type of {@link Tuple3Codec} (the crate's {@code (A, B, C)}).
 * Equality is the components' {@code equals}; order comes from the codec, not from this type.
 *
 * @param first the first component, not null
 * @param second the second component, not null
 * @param third the third component, not null
 * @param <A> the first type
 * @param <B> the second type
 * @param <C> the third type
 */
public record Triple<A, B, C>(A first, B second, C third) {
  /**
   * Checks that no component is null: stable structures do not store null.
   *
   * @param first the first component
   * @param second the second component
   * @param third the third component
   */
  public Triple {
    if (first == null || second == null || third == null) {
      throw new NullPointerException("a triple's components must not be null");
    }
  }
}
