package dev.stablestructures.benchmarks.peers;

import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import java.nio.ByteBuffer;
import java.util.Comparator;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.LongDataType;
import org.mapdb.Serializer;
import org.mapdb.serializer.GroupSerializer;

/** A u64 as a {@code Long}: 8 bytes big-endian everywhere it is encoded. */
final class U64Column implements ColumnType<Long> {
  /** The one instance. */
  static final U64Column INSTANCE = new U64Column();

  private U64Column() {}

  @Override
  public String name() {
    return "u64";
  }

  @Override
  public Long make(long number) {
    return number;
  }

  @Override
  public long number(Long value) {
    return value;
  }

  @Override
  public int averageSize() {
    return Long.BYTES;
  }

  @Override
  public Class<Long> type() {
    return Long.class;
  }

  @Override
  public Codec<Long> codec() {
    return Codecs.u64();
  }

  @Override
  public Comparator<Long> comparator() {
    return Comparator.naturalOrder();
  }

  @Override
  public GroupSerializer<Long> mapdb() {
    return Serializer.LONG;
  }

  @Override
  public DataType<Long> mvstore() {
    return LongDataType.INSTANCE;
  }

  @Override
  public void write(ByteBuffer buffer, Long value) {
    buffer.putLong(value);
  }

  @Override
  public Long read(ByteBuffer buffer) {
    return buffer.getLong(buffer.position());
  }
}
