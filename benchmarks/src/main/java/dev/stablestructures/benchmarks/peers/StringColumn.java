package dev.stablestructures.benchmarks.peers;

import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.StringDataType;
import org.mapdb.Serializer;
import org.mapdb.serializer.GroupSerializer;

/**
 * An ASCII string key: a prefix and the number in 19 zero-padded digits (e.g. {@code
 * assets/0000000000000000042.bin}), so string order is number order in every store.
 */
final class StringColumn implements ColumnType<String> {
  private static final int DIGITS = 19;
  private final String prefix;
  private final String suffix;

  /** Keys {@code prefix + 19 digits + suffix}. */
  StringColumn(String prefix, String suffix) {
    this.prefix = prefix;
    this.suffix = suffix;
  }

  @Override
  public String name() {
    return "string";
  }

  @Override
  public String make(long number) {
    String digits = Long.toString(number);
    return prefix + "0".repeat(DIGITS - digits.length()) + digits + suffix;
  }

  @Override
  public long number(String value) {
    return Long.parseLong(value, prefix.length(), prefix.length() + DIGITS, 10);
  }

  @Override
  public int averageSize() {
    return prefix.length() + DIGITS + suffix.length();
  }

  @Override
  public Class<String> type() {
    return String.class;
  }

  @Override
  public Codec<String> codec() {
    return Codecs.string();
  }

  @Override
  public Comparator<String> comparator() {
    return Comparator.naturalOrder();
  }

  @Override
  public GroupSerializer<String> mapdb() {
    return Serializer.STRING;
  }

  @Override
  public DataType<String> mvstore() {
    return StringDataType.INSTANCE;
  }

  @Override
  public void write(ByteBuffer buffer, String value) {
    buffer.put(value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String read(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
