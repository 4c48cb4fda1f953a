package dev.stablestructures.codec;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A codec for a Java type (typically a record) built from codecs of its components, without
 * reflection: getters take components out, a constructor puts them back. The crate has no such
 * thing; the layouts reuse the crate's tuples, so the bytes equal those of the Rust tuple of the
 * components:
 *
 * <ul>
 *   <li>two bounded components: the {@code (A, B)} layout ({@link Tuple2Codec});
 *   <li>two components, one unbounded: the {@code (A, B, ())} layout ({@link Tuple3Codec} with
 *       {@link UnitCodec} last, which adds no bytes), because the crate's 2-tuple cannot hold
 *       unbounded elements;
 *   <li>three components: the {@code (A, B, C)} layout.
 * </ul>
 *
 * The layout is chosen from the component codecs' bounds, which are part of the stored format
 * anyway. Values order lexicographically by component, each by its own codec.
 *
 * @param <R> the composed type
 * @param <T> the tuple type it travels as
 */
public final class RecordCodec<R, T> implements Codec<R> {
  private final Codec<T> tuple;
  private final Function<R, T> toTuple;
  private final Function<T, R> fromTuple;

  private RecordCodec(Codec<T> tuple, Function<R, T> toTuple, Function<T, R> fromTuple) {
    this.tuple = tuple;
    this.toTuple = toTuple;
    this.fromTuple = fromTuple;
  }

  /**
   * A constructor of three components.
   *
   * @param <A> the first type
   * @param <B> the second type
   * @param <C> the third type
   * @param <R> the composed type
   */
  @FunctionalInterface
  public interface Constructor3<A, B, C, R> {
    /**
     * Builds a value from its components.
     *
     * @param a the first
     * @param b the second
     * @param c the third
     * @return the value
     */
    R apply(A a, B b, C c);
  }

  /**
   * Returns the codec of a two-component type.
   *
   * @param codecA the first component's codec
   * @param getterA reads the first component
   * @param codecB the second component's codec
   * @param getterB reads the second component
   * @param constructor builds a value from both
   * @param <R> the composed type
   * @param <A> the first type
   * @param <B> the second type
   * @return the codec
   */
  public static <R, A, B> Codec<R> of(
      Codec<A> codecA,
      Function<R, A> getterA,
      Codec<B> codecB,
      Function<R, B> getterB,
      BiFunction<A, B, R> constructor) {
    if (getterA == null || getterB == null || constructor == null) {
      throw new NullPointerException("getters and constructor must not be null");
    }
    if (codecA.bound().isBounded() && codecB.bound().isBounded()) {
      return new RecordCodec<R, Pair<A, B>>(
          Tuple2Codec.of(codecA, codecB),
          r -> new Pair<>(getterA.apply(r), getterB.apply(r)),
          p -> constructor.apply(p.first(), p.second()));
    }
    return new RecordCodec<R, Triple<A, B, Unit>>(
        Tuple3Codec.of(codecA, codecB, UnitCodec.INSTANCE),
        r -> new Triple<>(getterA.apply(r), getterB.apply(r), Unit.INSTANCE),
        t -> constructor.apply(t.first(), t.second()));
  }

  /**
   * Returns the codec of a three-component type.
   *
   * @param codecA the first component's codec
   * @param getterA reads the first component
   * @param codecB the second component's codec
   * @param getterB reads the second component
   * @param codecC the third component's codec
   * @param getterC reads the third component
   * @param constructor builds a value from all three
   * @param <R> the composed type
   * @param <A> the first type
   * @param <B> the second type
   * @param <C> the third type
   * @return the codec
   */
  public static <R, A, B, C> Codec<R> of(
      Codec<A> codecA,
      Function<R, A> getterA,
      Codec<B> codecB,
      Function<R, B> getterB,
      Codec<C> codecC,
      Function<R, C> getterC,
      Constructor3<A, B, C, R> constructor) {
    if (getterA == null || getterB == null || getterC == null || constructor == null) {
      throw new NullPointerException("getters and constructor must not be null");
    }
    return new RecordCodec<R, Triple<A, B, C>>(
        Tuple3Codec.of(codecA, codecB, codecC),
        r -> new Triple<>(getterA.apply(r), getterB.apply(r), getterC.apply(r)),
        t -> constructor.apply(t.first(), t.second(), t.third()));
  }

  /**
   * Returns the tuple codec that lays the components out.
   *
   * @return the tuple codec
   */
  public Codec<T> tupleCodec() {
    return tuple;
  }

  @Override
  public Bound bound() {
    return tuple.bound();
  }

  @Override
  public byte[] encode(R value) {
    return tuple.encode(toTuple.apply(value));
  }

  @Override
  public byte[] encodeChecked(R value) {
    if (value == null) {
      throw new NullPointerException("stable structures do not store null; use an Option codec");
    }
    return tuple.encodeChecked(toTuple.apply(value));
  }

  @Override
  public R decode(byte[] bytes, int offset, int length) {
    return fromTuple.apply(tuple.decode(bytes, offset, length));
  }

  @Override
  public int compare(R a, R b) {
    return tuple.compare(toTuple.apply(a), toTuple.apply(b));
  }

  @Override
  public boolean isByteOrdered() {
    return tuple.isByteOrdered();
  }

  @Override
  public String toString() {
    return "record" + tuple;
  }
}
