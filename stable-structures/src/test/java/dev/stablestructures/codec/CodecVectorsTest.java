package dev.stablestructures.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.BoundExceededException;
import dev.stablestructures.DecodeException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Exact bytes and bounds, from the spec (reference-crate.md 1.10, 2.11) and the crate's tests. */
class CodecVectorsTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  private static <T> void assertBytes(Codec<T> codec, T value, String expected) {
    byte[] bytes = codec.encodeChecked(value);
    assertEquals(expected.replace(" ", ""), HexFormat.of().formatHex(bytes), codec.toString());
    assertEquals(0, codec.compare(value, codec.decode(bytes)), codec + " round trip");
  }

  @Test
  void numbersAreBigEndian() {
    assertBytes(Codecs.u8(), (byte) 0xAB, "ab");
    assertBytes(Codecs.u16(), (short) 0x0102, "0102");
    assertBytes(Codecs.u32(), 0x01020304, "01020304");
    assertBytes(Codecs.u64(), 0x0102030405060708L, "0102030405060708");
    assertBytes(
        Codecs.u128(),
        new BigInteger("0102030405060708090a0b0c0d0e0f10", 16),
        "0102030405060708090a0b0c0d0e0f10");
    assertBytes(Codecs.u128(), BigInteger.ONE, "00000000000000000000000000000001");
    assertBytes(Codecs.u128(), U128Codec.MAX_VALUE, "ffffffffffffffffffffffffffffffff");
    assertBytes(Codecs.f32(), 1.0f, "3f800000");
    assertBytes(Codecs.f64(), -2.5, "c004000000000000");
    assertBytes(Codecs.f64(), -0.0, "8000000000000000");
    assertBytes(Codecs.bool(), false, "00");
    assertBytes(Codecs.bool(), true, "01");
    assertBytes(Codecs.byteArray(3), new byte[] {1, 2, 3}, "010203");
  }

  @Test
  void boundsMatchTheCrate() {
    assertEquals(Bound.fixed(1), Codecs.u8().bound());
    assertEquals(Bound.fixed(2), Codecs.u16().bound());
    assertEquals(Bound.fixed(4), Codecs.u32().bound());
    assertEquals(Bound.fixed(8), Codecs.u64().bound());
    assertEquals(Bound.fixed(16), Codecs.u128().bound());
    assertEquals(Bound.fixed(4), Codecs.f32().bound());
    assertEquals(Bound.fixed(8), Codecs.f64().bound());
    assertEquals(Bound.fixed(1), Codecs.bool().bound());
    assertEquals(Bound.fixed(20), Codecs.byteArray(20).bound());
    assertEquals(Bound.bounded(0, false), Codecs.unit().bound());
    assertEquals(Bound.unbounded(), Codecs.bytes().bound());
    assertEquals(Bound.unbounded(), Codecs.string().bound());
    assertEquals(Bound.bounded(48, false), Codecs.blob(48).bound());
    assertEquals(Bound.bounded(29, false), Codecs.principal().bound());
    assertEquals(Bound.bounded(9, true), Codecs.option(Codecs.u64()).bound());
    assertEquals(Bound.bounded(49, false), Codecs.option(Codecs.blob(48)).bound());
    assertEquals(Bound.unbounded(), Codecs.option(Codecs.string()).bound());
    assertEquals(Bound.fixed(1), Codecs.i8().bound());
    assertEquals(Bound.fixed(2), Codecs.i16().bound());
    assertEquals(Bound.fixed(4), Codecs.i32().bound());
    assertEquals(Bound.fixed(8), Codecs.i64().bound());
    assertEquals(Bound.fixed(16), Codecs.uuid().bound());
    assertEquals(Bound.fixed(12), Codecs.instant().bound());
  }

  @Test
  void twoTupleLayoutFromTheSpec() {
    assertBytes(
        Codecs.tuple(Codecs.u32(), Codecs.byteArray(2)),
        new Pair<>(7, new byte[] {1, 2}),
        "00000007 0102");
    assertBytes(
        Codecs.tuple(Codecs.blob(3), Codecs.u16()),
        new Pair<>(new byte[] {9}, (short) 0x0102),
        "09 00 00 01 02 01");
    // Blob<300> needs a 2-byte length, big-endian, after both padded elements.
    Tuple2Codec<Long, byte[]> wide = Codecs.tuple(Codecs.u64(), Codecs.blob(300));
    byte[] bytes = wide.encodeChecked(new Pair<>(1L, new byte[] {5, 6, 7}));
    assertEquals(8 + 300 + 2, bytes.length);
    assertArrayEquals(hex("0000000000000001 050607"), java.util.Arrays.copyOf(bytes, 11));
    assertArrayEquals(hex("0003"), java.util.Arrays.copyOfRange(bytes, 308, 310));
  }

  @Test
  void twoTupleBoundsAsTheCrateTests() {
    // tuple_roundtrip: (u64, [u8; 20]) is 28 bytes, fixed.
    assertEquals(Bound.fixed(28), Codecs.tuple(Codecs.u64(), Codecs.byteArray(20)).bound());
    assertEquals(
        28,
        Codecs.tuple(Codecs.u64(), Codecs.byteArray(20))
            .encodeChecked(new Pair<>(3L, new byte[20]))
            .length);
    assertEquals(
        Bound.bounded(8 + 48 + 1, false), Codecs.tuple(Codecs.u64(), Codecs.blob(48)).bound());
    assertEquals(
        Bound.bounded(8 + 300 + 2, false), Codecs.tuple(Codecs.u64(), Codecs.blob(300)).bound());
    assertEquals(
        Bound.bounded(70000 + 1 + 4 + 1, false),
        Codecs.tuple(Codecs.blob(70000), Codecs.blob(1)).bound());
    // () declares itself not fixed, so each gets a 1-byte length field.
    assertEquals(Bound.bounded(2, false), Codecs.tuple(Codecs.unit(), Codecs.unit()).bound());
  }

  @Test
  void twoTupleRefusesUnboundedElements() {
    assertThrows(IllegalArgumentException.class, () -> Codecs.tuple(Codecs.string(), Codecs.u64()));
    assertThrows(IllegalArgumentException.class, () -> Codecs.tuple(Codecs.u64(), Codecs.bytes()));
  }

  @Test
  void threeTupleLayoutFromTheSpec() {
    assertBytes(
        Codecs.tuple(Codecs.bytes(), Codecs.u8(), Codecs.string()),
        new Triple<>(new byte[] {1, 2}, (byte) 3, "xy"),
        "00 02 01 02 03 78 79");
    // Both fixed: no size-lengths byte.
    assertBytes(
        Codecs.tuple(Codecs.u16(), Codecs.u8(), Codecs.string()),
        new Triple<>((short) 1, (byte) 2, "z"),
        "0001 02 7a");
    // A of 300 bytes (2-byte length, code 01 in bits 3-2), B of 1 byte (code 00).
    Tuple3Codec<byte[], byte[], byte[]> codec =
        Codecs.tuple(Codecs.bytes(), Codecs.bytes(), Codecs.bytes());
    byte[] bytes = codec.encodeChecked(new Triple<>(new byte[300], new byte[] {7}, new byte[] {8}));
    assertEquals(1 + 2 + 300 + 1 + 1 + 1, bytes.length);
    assertEquals(0b0100, bytes[0]);
    assertArrayEquals(hex("012c"), java.util.Arrays.copyOfRange(bytes, 1, 3));
    assertArrayEquals(hex("01 07 08"), java.util.Arrays.copyOfRange(bytes, 303, 306));
    // A 70000 bytes: a 4-byte length, code 11.
    byte[] big = codec.encodeChecked(new Triple<>(new byte[70000], new byte[0], new byte[0]));
    assertEquals(0b1100, big[0]);
    assertArrayEquals(hex("00011170"), java.util.Arrays.copyOfRange(big, 1, 5));
    assertEquals(0, codec.decode(big).second().length);
    // A fixed, B not: A's code is still written from its actual length (300 → 01).
    Tuple3Codec<byte[], byte[], Byte> fixedA =
        Codecs.tuple(Codecs.byteArray(300), Codecs.blob(5), Codecs.u8());
    byte[] f = fixedA.encodeChecked(new Triple<>(new byte[300], new byte[] {4}, (byte) 9));
    assertEquals(0b0100, f[0]);
    assertEquals(1 + 300 + 1 + 1 + 1, f.length);
  }

  @Test
  void threeTupleBoundsAsTheCrateTests() {
    // tuple_with_three_elements_fixed_size_roundtrip: 8 + 20 + 20 = 48, fixed.
    Tuple3Codec<Long, byte[], byte[]> fixed =
        Codecs.tuple(Codecs.u64(), Codecs.byteArray(20), Codecs.byteArray(20));
    assertEquals(Bound.fixed(48), fixed.bound());
    assertEquals(48, fixed.encodeChecked(new Triple<>(1L, new byte[20], new byte[20])).length);
    // tuple_with_three_elements_bounded_and_unbounded_roundtrip: 4 + 8 + 12 bytes → 26.
    Tuple3Codec<byte[], Long, byte[]> mixed =
        Codecs.tuple(Codecs.bytes(), Codecs.u64(), Codecs.bytes());
    assertEquals(Bound.unbounded(), mixed.bound());
    assertEquals(26, mixed.encodeChecked(new Triple<>(new byte[4], 5L, new byte[12])).length);
    // Overhead from the maxima: 1 + 1 (Blob<40>) + 2 (Blob<300>).
    assertEquals(
        Bound.bounded(40 + 300 + 8 + 4, false),
        Codecs.tuple(Codecs.blob(40), Codecs.blob(300), Codecs.u64()).bound());
    assertEquals(
        Bound.bounded(8 + 40 + 80 + 2, false),
        Codecs.tuple(Codecs.u64(), Codecs.blob(40), Codecs.blob(80)).bound());
  }

  @Test
  void optionBytes() {
    assertBytes(Codecs.option(Codecs.u32()), Optional.of(7), "00000007 01");
    assertBytes(Codecs.option(Codecs.string()), Optional.of("a"), "61 01");
    assertBytes(Codecs.option(Codecs.string()), Optional.empty(), "00");
    assertBytes(Codecs.option(Codecs.string()), Optional.of(""), "01");
    assertBytes(
        Codecs.option(Codecs.option(Codecs.string())), Optional.of(Optional.empty()), "0001");
  }

  @Test
  void optionOfFixedSizeCannotStoreNone() {
    OptionCodec<Long> codec = Codecs.option(Codecs.u64());
    assertArrayEquals(new byte[] {0}, codec.encode(Optional.empty()));
    BoundExceededException e =
        assertThrows(BoundExceededException.class, () -> codec.encodeChecked(Optional.empty()));
    assertTrue(e.getMessage().contains("cannot store None"), e.getMessage());
    assertTrue(e.getMessage().contains("9 bytes"), e.getMessage());
    assertEquals(9, codec.encodeChecked(Optional.of(1L)).length);
    // Reading None is still possible (a crate-written value never has it, but be total).
    assertEquals(Optional.empty(), codec.decode(new byte[] {0}));
  }

  @Test
  void signedAndJavaOnlyCodecs() {
    assertBytes(Codecs.i8(), (byte) -128, "00");
    assertBytes(Codecs.i8(), (byte) 0, "80");
    assertBytes(Codecs.i16(), (short) -1, "7fff");
    assertBytes(Codecs.i32(), 1, "80000001");
    assertBytes(Codecs.i64(), Long.MIN_VALUE, "0000000000000000");
    assertBytes(Codecs.i64(), -1L, "7fffffffffffffff");
    assertBytes(
        Codecs.uuid(),
        UUID.fromString("01020304-0506-0708-090a-0b0c0d0e0f10"),
        "0102030405060708090a0b0c0d0e0f10");
    assertBytes(Codecs.instant(), Instant.ofEpochSecond(1, 2), "8000000000000001 00000002");
    assertBytes(
        Codecs.instant(), Instant.ofEpochSecond(-1, 999_999_999), "7fffffffffffffff 3b9ac9ff");
  }

  @Test
  void uuidOrderIsUnsignedUnlikeUuidCompareTo() {
    UUID low = UUID.fromString("00000000-0000-0000-0000-000000000000");
    UUID high = UUID.fromString("ffffffff-0000-0000-0000-000000000000");
    assertTrue(Codecs.uuid().compare(low, high) < 0);
    assertTrue(low.compareTo(high) > 0);
  }

  @Test
  void principals() {
    Principal anonymous = Principal.of(new byte[] {4});
    assertEquals("2vxsx-fae", anonymous.toText());
    assertEquals("aaaaa-aa", Principal.managementCanister().toText());
    assertEquals(anonymous, Principal.fromText("2vxsx-fae"));
    assertEquals(Principal.managementCanister(), Principal.fromText("aaaaa-aa"));
    assertThrows(IllegalArgumentException.class, () -> Principal.fromText("2vxsx-fab"));
    assertBytes(Codecs.principal(), anonymous, "04");
    // Length first: [ff] < [00 00], though the bytes order the other way.
    Principal shortHigh = Principal.of(new byte[] {(byte) 0xFF});
    Principal longLow = Principal.of(new byte[] {0, 0});
    assertTrue(Codecs.principal().compare(shortHigh, longLow) < 0);
    assertTrue(shortHigh.compareTo(longLow) < 0);
    assertFalse(Codecs.principal().isByteOrdered());
    assertThrows(IllegalArgumentException.class, () -> Principal.of(new byte[30]));
    assertThrows(DecodeException.class, () -> Codecs.principal().decode(new byte[30]));
    assertEquals(29, Principal.of(new byte[29]).length());
  }

  record Person(String name, long id) {}

  record Point(int x, int y, String label) {}

  @Test
  void recordsReuseTupleLayouts() {
    Codec<Point> points =
        Codecs.record(
            Codecs.i32(),
            Point::x,
            Codecs.i32(),
            Point::y,
            Codecs.string(),
            Point::label,
            Point::new);
    assertEquals(Bound.unbounded(), points.bound());
    byte[] bytes = points.encodeChecked(new Point(-1, 2, "p"));
    assertEquals("7fffffff 80000002 70".replace(" ", ""), HexFormat.of().formatHex(bytes));
    assertEquals(new Point(-1, 2, "p"), points.decode(bytes));
    assertTrue(points.isByteOrdered());

    // Unbounded components: the (A, B, ()) layout.
    Codec<Person> people =
        Codecs.record(Codecs.string(), Person::name, Codecs.i64(), Person::id, Person::new);
    byte[] p = people.encodeChecked(new Person("ab", 0));
    assertEquals("00 02 6162 8000000000000000".replace(" ", ""), HexFormat.of().formatHex(p));
    assertEquals(new Person("ab", 0), people.decode(p));
    assertTrue(people.compare(new Person("a", 9), new Person("b", 1)) < 0);
    assertTrue(people.compare(new Person("a", -9), new Person("a", 1)) < 0);

    // Bounded components: the (A, B) layout.
    Codec<Pair<Integer, byte[]>> viaRecord =
        Codecs.record(Codecs.u32(), Pair::first, Codecs.blob(3), Pair::second, Pair::new);
    assertArrayEquals(
        hex("00000007 090000 01"), viaRecord.encodeChecked(new Pair<>(7, new byte[] {9})));
  }
}
