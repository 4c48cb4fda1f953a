package dev.stablestructures.vec;

import dev.stablestructures.codec.Bound;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;

/** A test-only bounded String codec (UTF-8, at most {@code max} bytes): Strings have equals. */
final class BoundedStringCodec implements Codec<String> {
  private final Bound bound;

  BoundedStringCodec(int max) {
    this.bound = Bound.bounded(max, false);
  }

  @Override
  public Bound bound() {
    return bound;
  }

  @Override
  public byte[] encode(String value) {
    return Codecs.string().encode(value);
  }

  @Override
  public String decode(byte[] bytes, int offset, int length) {
    return Codecs.string().decode(bytes, offset, length);
  }

  @Override
  public int compare(String a, String b) {
    return Codecs.string().compare(a, b);
  }

  @Override
  public String toString() {
    return "BoundedString<" + bound.maxSize() + ">";
  }
}
