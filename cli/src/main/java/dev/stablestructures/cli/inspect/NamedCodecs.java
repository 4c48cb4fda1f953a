package dev.stablestructures.cli.inspect;

import dev.stablestructures.DecodeException;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The built-in codecs the inspector can decode with, by name ({@code --key u64 --value string}):
 * the crate's {@code Storable} types the library ships. {@code hex} (the default) shows the stored
 * bytes as they are.
 */
final class NamedCodecs {
  /** The name that shows bytes undecoded. */
  static final String HEX = "hex";

  private static final Map<String, Supplier<Codec<?>>> CODECS = new LinkedHashMap<>();

  static {
    CODECS.put("u8", Codecs::u8);
    CODECS.put("u16", Codecs::u16);
    CODECS.put("u32", Codecs::u32);
    CODECS.put("u64", Codecs::u64);
    CODECS.put("u128", Codecs::u128);
    CODECS.put("i8", Codecs::i8);
    CODECS.put("i16", Codecs::i16);
    CODECS.put("i32", Codecs::i32);
    CODECS.put("i64", Codecs::i64);
    CODECS.put("f32", Codecs::f32);
    CODECS.put("f64", Codecs::f64);
    CODECS.put("bool", Codecs::bool);
    CODECS.put("string", Codecs::string);
    CODECS.put("unit", Codecs::unit);
    CODECS.put("principal", Codecs::principal);
    CODECS.put("uuid", Codecs::uuid);
    CODECS.put("instant", Codecs::instant);
  }

  private NamedCodecs() {}

  private static boolean isUnsigned(Codec<?> codec) {
    return codec.getClass() == Codecs.u64().getClass()
        || codec.getClass() == Codecs.u32().getClass();
  }

  /** Every accepted name. */
  static String names() {
    return HEX + ", " + String.join(", ", CODECS.keySet());
  }

  /**
   * The codec of a name, or null for {@code hex}.
   *
   * @throws InspectFailure (usage) for an unknown name
   */
  static Codec<?> byName(String name) {
    if (name == null || name.equals(HEX) || name.equals("bytes")) {
      return null;
    }
    Supplier<Codec<?>> codec = CODECS.get(name);
    if (codec == null) {
      throw new InspectFailure(
          InspectFailure.USAGE, "unknown codec '" + name + "'; known codecs: " + names());
    }
    return codec.get();
  }

  /** Decodes bytes for display; hex for {@code null} (the hex codec). */
  static String render(Codec<?> codec, byte[] bytes) {
    if (codec == null) {
      return HexFormat.of().formatHex(bytes);
    }
    Object value = codec.decode(bytes);
    if (value instanceof byte[] raw) {
      return HexFormat.of().formatHex(raw);
    }
    if (isUnsigned(codec)) {
      // Java's numbers are signed: show the crate's unsigned value.
      if (value instanceof Long l) {
        return Long.toUnsignedString(l);
      }
      if (value instanceof Integer i) {
        return Integer.toUnsignedString(i);
      }
    }
    return String.valueOf(value);
  }

  /** Like {@link #render}, but an undecodable value shows as {@code !} and its hex. */
  static String renderOrHex(Codec<?> codec, byte[] bytes, long[] failures) {
    try {
      return render(codec, bytes);
    } catch (DecodeException | IllegalArgumentException e) {
      failures[0]++;
      return "!" + HexFormat.of().formatHex(bytes);
    }
  }
}
