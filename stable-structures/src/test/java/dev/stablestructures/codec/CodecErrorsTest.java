package dev.stablestructures.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.BoundExceededException;
import dev.stablestructures.DecodeException;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bound violations are {@link BoundExceededException}s; bad bytes are {@link DecodeException}s. */
class CodecErrorsTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Test
  void boundViolations() {
    BoundExceededException e =
        assertThrows(
            BoundExceededException.class, () -> Codecs.byteArray(3).encodeChecked(new byte[2]));
    assertEquals(
        "expected a fixed-size element with length 3 bytes, but found 2 bytes", e.getMessage());
    assertThrows(BoundExceededException.class, () -> Codecs.blob(2).encodeChecked(new byte[3]));
    assertThrows(
        BoundExceededException.class,
        () -> Codecs.option(Codecs.blob(2)).encodeChecked(Optional.of(new byte[3])));
    assertThrows(
        BoundExceededException.class,
        () ->
            Codecs.tuple(Codecs.blob(2), Codecs.u8())
                .encodeChecked(new Pair<>(new byte[3], (byte) 0)));
    // A 3-tuple whose total would fit, but one element breaks its own bound.
    assertThrows(
        BoundExceededException.class,
        () ->
            Codecs.tuple(Codecs.blob(1), Codecs.blob(300), Codecs.u8())
                .encodeChecked(new Triple<>(new byte[5], new byte[0], (byte) 0)));
    assertThrows(BoundExceededException.class, () -> Codecs.u128().encode(BigInteger.ONE.negate()));
    assertThrows(
        BoundExceededException.class, () -> Codecs.u128().encode(BigInteger.ONE.shiftLeft(128)));
    assertThrows(NullPointerException.class, () -> Codecs.u64().encodeChecked(null));
  }

  @Test
  void badEncodings() {
    DecodeException bool =
        assertThrows(DecodeException.class, () -> Codecs.bool().decode(hex("02")));
    assertTrue(bool.getMessage().contains("expected 0 or 1, found 2"), bool.getMessage());
    assertThrows(DecodeException.class, () -> Codecs.u64().decode(new byte[7]));
    assertThrows(DecodeException.class, () -> Codecs.u128().decode(new byte[17]));
    assertThrows(DecodeException.class, () -> Codecs.byteArray(4).decode(new byte[3]));
    assertThrows(DecodeException.class, () -> Codecs.blob(2).decode(new byte[3]));
    assertThrows(DecodeException.class, () -> Codecs.unit().decode(new byte[1]));
    assertThrows(DecodeException.class, () -> Codecs.string().decode(hex("c3")));
    OptionCodec<String> option = Codecs.option(Codecs.string());
    assertThrows(DecodeException.class, () -> option.decode(new byte[0]));
    assertThrows(DecodeException.class, () -> option.decode(hex("61 02")));
    assertThrows(DecodeException.class, () -> option.decode(hex("61 00")));
    Tuple2Codec<byte[], Short> pair = Codecs.tuple(Codecs.blob(3), Codecs.u16());
    assertThrows(DecodeException.class, () -> pair.decode(hex("09 00 00 01 02")));
    assertThrows(DecodeException.class, () -> pair.decode(hex("09 00 00 01 02 04")));
    Tuple3Codec<byte[], Byte, String> triple =
        Codecs.tuple(Codecs.bytes(), Codecs.u8(), Codecs.string());
    assertThrows(DecodeException.class, () -> triple.decode(new byte[0]));
    assertThrows(DecodeException.class, () -> triple.decode(hex("08 02 01 02 03")));
    assertThrows(DecodeException.class, () -> triple.decode(hex("00 09 01 02 03")));
    assertThrows(DecodeException.class, () -> triple.decode(hex("00 02 01 02")));
    assertThrows(DecodeException.class, () -> triple.decode(hex("f0 02 01 02 03")));
    assertThrows(
        DecodeException.class, () -> Codecs.instant().decode(hex("8000000000000000 3b9aca00")));
    assertThrows(
        DecodeException.class, () -> Codecs.instant().decode(hex("ffffffffffffffff 00000000")));
  }

  @Test
  void unpairedSurrogatesHaveNoUtf8Form() {
    assertThrows(IllegalArgumentException.class, () -> Codecs.string().encode("a\uD800"));
    assertThrows(IllegalArgumentException.class, () -> Codecs.string().encode("\uDC00b"));
    assertEquals(4, Codecs.string().encode(new String(Character.toChars(0x1F600))).length);
  }

  @Test
  void badConstruction() {
    assertThrows(IllegalArgumentException.class, () -> Codecs.byteArray(-1));
    assertThrows(IllegalArgumentException.class, () -> Codecs.blob(-1));
    assertThrows(
        IllegalArgumentException.class,
        () -> Codecs.tuple(Codecs.blob(Integer.MAX_VALUE), Codecs.u8()));
  }
}
