package dev.stablestructures.cli.inspect;

import dev.stablestructures.codec.Bound;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import java.util.Arrays;

/**
 * The unbounded bytes codec, counting the non-empty values it decodes: a B-tree walk (its verify)
 * decodes every value, so afterwards this tells a {@code BTreeSet} (a map to {@code ()}, whose
 * values are all empty) from a map. One walk at a time.
 */
final class ValueWatch implements Codec<byte[]> {
  private final Codec<byte[]> bytes = Codecs.bytes();
  private long nonEmpty;
  private long decoded;

  @Override
  public Bound bound() {
    return bytes.bound();
  }

  @Override
  public byte[] encode(byte[] value) {
    return bytes.encode(value);
  }

  @Override
  public byte[] decode(byte[] source, int offset, int length) {
    decoded++;
    if (length != 0) {
      nonEmpty++;
    }
    return Arrays.copyOfRange(source, offset, offset + length);
  }

  @Override
  public int compare(byte[] a, byte[] b) {
    return bytes.compare(a, b);
  }

  @Override
  public boolean isByteOrdered() {
    return true;
  }

  /** Values decoded so far. */
  long decoded() {
    return decoded;
  }

  /** Non-empty values decoded so far. */
  long nonEmpty() {
    return nonEmpty;
  }

  @Override
  public String toString() {
    return "bytes";
  }
}
