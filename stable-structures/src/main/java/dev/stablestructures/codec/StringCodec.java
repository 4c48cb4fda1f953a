package dev.stablestructures.codec;

import dev.stablestructures.DecodeException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The crate's {@code String}: UTF-8 bytes, unbounded. Strings order by their UTF-8 bytes, which is
 * code-point order; Java's {@link String#compareTo} orders UTF-16 units and differs for characters
 * above U+FFFF, so this codec compares code points. Malformed UTF-8 is a {@link DecodeException}
 * (the crate panics); a string with an unpaired surrogate, which has no UTF-8 form, is refused on
 * encoding with an {@link IllegalArgumentException}.
 */
public final class StringCodec extends BasicCodec<String> {
  /** The single instance. */
  public static final StringCodec INSTANCE = new StringCodec();

  private StringCodec() {
    super("String", Bound.unbounded(), true);
  }

  @Override
  public byte[] encode(String value) {
    checkWellFormed(value);
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Refuses unpaired surrogates: UTF-8 cannot hold them, and {@link String#getBytes} would quietly
   * store {@code '?'} instead, so the value read back would differ.
   */
  private static void checkWellFormed(String value) {
    for (int i = 0, n = value.length(); i < n; i++) {
      char c = value.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
        } else {
          throw new IllegalArgumentException(
              "a String with an unpaired surrogate at index " + i + " has no UTF-8 encoding");
        }
      }
    }
  }

  @Override
  public String decode(byte[] bytes, int offset, int length) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw new DecodeException("stored bytes are not valid UTF-8", e);
    }
  }

  @Override
  public int compare(String a, String b) {
    int length = Math.min(a.length(), b.length());
    for (int i = 0; i < length; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
          return Integer.compare(a.codePointAt(i), b.codePointAt(i));
        }
        return Character.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }
}
