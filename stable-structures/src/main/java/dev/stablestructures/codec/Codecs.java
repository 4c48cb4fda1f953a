package dev.stablestructures.codec;

/**
 * The catalogue of codecs. Names follow the Rust types whose bytes they reproduce ({@code u64()},
 * {@code blob(n)}, ...); codecs Java users need and the crate lacks are listed after them.
 */
public final class Codecs {
  private Codecs() {}

  /**
   * The crate's {@code u64}: 8 bytes big-endian, unsigned order.
   *
   * @return the codec
   */
  public static U64Codec u64() {
    return U64Codec.INSTANCE;
  }

  /**
   * The crate's {@code u32}: 4 bytes big-endian, unsigned order.
   *
   * @return the codec
   */
  public static U32Codec u32() {
    return U32Codec.INSTANCE;
  }

  /**
   * The crate's {@code Vec<u8>}: raw bytes, unbounded.
   *
   * @return the codec
   */
  public static BytesCodec bytes() {
    return BytesCodec.unbounded();
  }

  /**
   * The crate's {@code Blob<N>}: raw bytes, at most {@code maxSize}, not fixed-size.
   *
   * @param maxSize N
   * @return the codec
   */
  public static BytesCodec blob(int maxSize) {
    return BytesCodec.blob(maxSize);
  }

  /**
   * The crate's {@code String}: UTF-8, unbounded, ordered by code point.
   *
   * @return the codec
   */
  public static StringCodec string() {
    return StringCodec.INSTANCE;
  }

  /**
   * The crate's {@code ()}: no bytes, the value type of sets.
   *
   * @return the codec
   */
  public static UnitCodec unit() {
    return UnitCodec.INSTANCE;
  }

  /**
   * The crate's {@code u8}: 1 byte, unsigned order (a Java {@code byte} with the same bits).
   *
   * @return the codec, fixed 1
   */
  public static U8Codec u8() {
    return U8Codec.INSTANCE;
  }

  /**
   * The crate's {@code u16}: 2 bytes big-endian, unsigned order (a Java {@code short} with the same
   * bits).
   *
   * @return the codec, fixed 2
   */
  public static U16Codec u16() {
    return U16Codec.INSTANCE;
  }

  /**
   * The crate's {@code u128}: 16 bytes big-endian, a {@link java.math.BigInteger} in [0, 2^128).
   *
   * @return the codec, fixed 16
   */
  public static U128Codec u128() {
    return U128Codec.INSTANCE;
  }

  /**
   * The crate's {@code f32}: big-endian IEEE bits, ordered by {@link Float#compare}.
   *
   * @return the codec, fixed 4
   */
  public static F32Codec f32() {
    return F32Codec.INSTANCE;
  }

  /**
   * The crate's {@code f64}: big-endian IEEE bits, ordered by {@link Double#compare}.
   *
   * @return the codec, fixed 8
   */
  public static F64Codec f64() {
    return F64Codec.INSTANCE;
  }

  /**
   * The crate's {@code bool}: one byte, 0 or 1.
   *
   * @return the codec, fixed 1
   */
  public static BoolCodec bool() {
    return BoolCodec.INSTANCE;
  }

  /**
   * The crate's {@code [u8; N]}: exactly N raw bytes.
   *
   * @param size N
   * @return the codec, fixed N
   */
  public static BytesCodec byteArray(int size) {
    return BytesCodec.array(size);
  }

  /**
   * The crate's {@code ic_principal::Principal}: raw bytes, ordered by length first.
   *
   * @return the codec, Bounded{29, not fixed}
   */
  public static PrincipalCodec principal() {
    return PrincipalCodec.INSTANCE;
  }

  /**
   * The crate's {@code Option<T>}: T's bytes + {@code 01}, or {@code 00}. For a fixed-size T,
   * {@code None} cannot be stored (a crate pitfall, see {@link OptionCodec}).
   *
   * @param inner T's codec
   * @param <T> the type inside
   * @return the codec, Bounded{T.max + 1, T's fixed flag} or Unbounded
   */
  public static <T> OptionCodec<T> option(Codec<T> inner) {
    return OptionCodec.of(inner);
  }

  /**
   * The crate's {@code (A, B)}: a fixed layout, bounded elements only.
   *
   * @param first A's codec
   * @param second B's codec
   * @param <A> the first type
   * @param <B> the second type
   * @return the codec, Bounded{A.max + B.max + length fields, both fixed}
   * @throws IllegalArgumentException if an element is unbounded (the crate hits {@code todo!()})
   */
  public static <A, B> Tuple2Codec<A, B> tuple(Codec<A> first, Codec<B> second) {
    return Tuple2Codec.of(first, second);
  }

  /**
   * The crate's {@code (A, B, C)}: a variable layout that also takes unbounded elements.
   *
   * @param first A's codec
   * @param second B's codec
   * @param third C's codec
   * @param <A> the first type
   * @param <B> the second type
   * @param <C> the third type
   * @return the codec, Bounded{sum of maxima + overhead, all fixed} or Unbounded
   */
  public static <A, B, C> Tuple3Codec<A, B, C> tuple(
      Codec<A> first, Codec<B> second, Codec<C> third) {
    return Tuple3Codec.of(first, second, third);
  }

  // Codecs the crate lacks. Their encodings are byte-ordered, so maps compare stored bytes.

  /**
   * A signed {@code byte} (not in the crate): sign bit flipped, byte-ordered.
   *
   * @return the codec, fixed 1
   */
  public static I8Codec i8() {
    return I8Codec.INSTANCE;
  }

  /**
   * A signed {@code short} (not in the crate): sign bit flipped, big-endian, byte-ordered.
   *
   * @return the codec, fixed 2
   */
  public static I16Codec i16() {
    return I16Codec.INSTANCE;
  }

  /**
   * A signed {@code int} (not in the crate): sign bit flipped, big-endian, byte-ordered.
   *
   * @return the codec, fixed 4
   */
  public static I32Codec i32() {
    return I32Codec.INSTANCE;
  }

  /**
   * A signed {@code long} (not in the crate): sign bit flipped, big-endian, byte-ordered.
   *
   * @return the codec, fixed 8
   */
  public static I64Codec i64() {
    return I64Codec.INSTANCE;
  }

  /**
   * A {@link java.util.UUID} (not in the crate): 16 bytes big-endian, ordered as unsigned bytes.
   *
   * @return the codec, fixed 16
   */
  public static UuidCodec uuid() {
    return UuidCodec.INSTANCE;
  }

  /**
   * An {@link java.time.Instant} (not in the crate): flipped i64 seconds + u32 nanos, big-endian,
   * chronological byte order.
   *
   * @return the codec, fixed 12
   */
  public static InstantCodec instant() {
    return InstantCodec.INSTANCE;
  }

  /**
   * A two-component type (not in the crate), laid out as the crate's tuple of its components (see
   * {@link RecordCodec}).
   *
   * @param codecA the first component's codec
   * @param getterA reads the first component
   * @param codecB the second component's codec
   * @param getterB reads the second component
   * @param constructor builds a value from both
   * @param <R> the composed type
   * @param <A> the first type
   * @param <B> the second type
   * @return the codec; its bound is that of {@code (A, B)}, or of {@code (A, B, ())} if an element
   *     is unbounded
   */
  public static <R, A, B> Codec<R> record(
      Codec<A> codecA,
      java.util.function.Function<R, A> getterA,
      Codec<B> codecB,
      java.util.function.Function<R, B> getterB,
      java.util.function.BiFunction<A, B, R> constructor) {
    return RecordCodec.of(codecA, getterA, codecB, getterB, constructor);
  }

  /**
   * A three-component type (not in the crate), laid out as the crate's {@code (A, B, C)} (see
   * {@link RecordCodec}).
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
   * @return the codec; its bound is that of {@code (A, B, C)}
   */
  public static <R, A, B, C> Codec<R> record(
      Codec<A> codecA,
      java.util.function.Function<R, A> getterA,
      Codec<B> codecB,
      java.util.function.Function<R, B> getterB,
      Codec<C> codecC,
      java.util.function.Function<R, C> getterC,
      RecordCodec.Constructor3<A, B, C, R> constructor) {
    return RecordCodec.of(codecA, getterA, codecB, getterB, codecC, getterC, constructor);
  }
}
