package dev.stablestructures.runtime;

import dev.stablestructures.codec.Codec;

/** The stored name of a codec, for the named-memory declarations. */
final class CodecNames {
  private CodecNames() {}

  /**
   * Returns the codec's {@code toString()}, or its class name when that is {@link Object}'s default
   * (which changes from run to run).
   *
   * @param codec the codec
   * @return its name
   */
  static String of(Codec<?> codec) {
    String text = codec.toString();
    String objectDefault = codec.getClass().getName() + "@" + Integer.toHexString(codec.hashCode());
    return text == null || text.equals(objectDefault) ? codec.getClass().getName() : text;
  }
}
