package dev.stablestructures.codec;

import dev.stablestructures.memory.ByteArrays;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * An Internet Computer principal: 0 to 29 bytes, immutable. Mirrors {@code
 * ic_principal::Principal}, whose derived order compares the length first and then the
 * (zero-padded) bytes, so a shorter principal sorts before any longer one. That order is not the
 * order of the raw bytes. {@link #toText()} and {@link #fromText(String)} give the usual textual
 * form ({@code aaaaa-aa}).
 */
public final class Principal implements Comparable<Principal> {
  /** The most bytes a principal has. */
  public static final int MAX_LENGTH_IN_BYTES = 29;

  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private final byte[] bytes;

  private Principal(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Returns the principal with these bytes (copied).
   *
   * @param bytes 0 to 29 bytes
   * @return the principal
   * @throws IllegalArgumentException if there are more than 29 bytes
   */
  public static Principal of(byte[] bytes) {
    if (bytes.length > MAX_LENGTH_IN_BYTES) {
      throw new IllegalArgumentException(
          "a principal has at most " + MAX_LENGTH_IN_BYTES + " bytes, found " + bytes.length);
    }
    return new Principal(bytes.clone());
  }

  /**
   * Returns the management canister's principal, the empty one ({@code aaaaa-aa}).
   *
   * @return the principal with no bytes
   */
  public static Principal managementCanister() {
    return new Principal(new byte[0]);
  }

  /**
   * Returns a copy of the bytes.
   *
   * @return the bytes
   */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /**
   * Returns the number of bytes.
   *
   * @return 0 to 29
   */
  public int length() {
    return bytes.length;
  }

  /**
   * Returns the textual form: base32 (lower case, no padding) of the CRC-32 of the bytes
   * (big-endian) followed by the bytes, in groups of five letters joined by dashes.
   *
   * @return the text, e.g. {@code aaaaa-aa} for the empty principal
   */
  public String toText() {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    long checksum = crc.getValue();
    byte[] data = new byte[4 + bytes.length];
    ByteArrays.putIntBE(data, 0, (int) checksum);
    System.arraycopy(bytes, 0, data, 4, bytes.length);
    StringBuilder base32 = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = buffer << 8 | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        base32.append(BASE32[(buffer >>> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      base32.append(BASE32[(buffer << (5 - bits)) & 31]);
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < base32.length(); i += 5) {
      if (i > 0) {
        text.append('-');
      }
      text.append(base32, i, Math.min(i + 5, base32.length()));
    }
    return text.toString();
  }

  /**
   * Parses the textual form (see {@link #toText()}); upper case is accepted.
   *
   * @param text the text
   * @return the principal
   * @throws IllegalArgumentException if the text is malformed, too long, or its checksum is wrong
   */
  public static Principal fromText(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    String letters = lower.replace("-", "");
    byte[] data = new byte[letters.length() * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int n = 0;
    for (int i = 0; i < letters.length(); i++) {
      char c = letters.charAt(i);
      int v = c >= 'a' && c <= 'z' ? c - 'a' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
      if (v < 0) {
        throw new IllegalArgumentException("not a principal: bad character '" + c + "' in " + text);
      }
      buffer = buffer << 5 | v;
      bits += 5;
      if (bits >= 8) {
        data[n++] = (byte) (buffer >>> (bits - 8));
        bits -= 8;
      }
    }
    if (data.length < 4 || data.length - 4 > MAX_LENGTH_IN_BYTES) {
      throw new IllegalArgumentException("not a principal: wrong length: " + text);
    }
    Principal principal = new Principal(Arrays.copyOfRange(data, 4, data.length));
    if (!principal.toText().equals(lower)) {
      throw new IllegalArgumentException("not a principal: bad checksum or grouping: " + text);
    }
    return principal;
  }

  /**
   * Orders as the crate does: by length, then by the bytes as unsigned numbers.
   *
   * @param other the other principal
   * @return negative, zero or positive
   */
  @Override
  public int compareTo(Principal other) {
    int c = Integer.compare(bytes.length, other.bytes.length);
    return c != 0 ? c : Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Principal principal && Arrays.equals(bytes, principal.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Returns the textual form, as {@link #toText()}. */
  @Override
  public String toString() {
    return toText();
  }
}
