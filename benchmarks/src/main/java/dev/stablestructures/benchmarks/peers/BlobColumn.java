package dev.stablestructures.benchmarks.peers;

import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;
import org.h2.mvstore.type.DataType;
import org.mapdb.Serializer;
import org.mapdb.serializer.GroupSerializer;

/**
 * A {@code byte[]} of one size: the crate's {@code Blob<N>} (bounded) or {@code Vec<u8>}
 * (unbounded, for 1 KiB and 1 MiB values). Its first 8 bytes are the number, big-endian, so keys
 * sort by number in unsigned byte order; the rest is a pattern derived from the number.
 */
final class BlobColumn implements ColumnType<byte[]> {
  private final int size;
  private final boolean bounded;

  private BlobColumn(int size, boolean bounded) {
    if (size < Long.BYTES) {
      throw new IllegalArgumentException("a blob holds its 8-byte number: " + size);
    }
    this.size = size;
    this.bounded = bounded;
  }

  /** The crate's {@code Blob<size>}. */
  static BlobColumn blob(int size) {
    return new BlobColumn(size, true);
  }

  /** The crate's {@code Vec<u8>} holding {@code size} bytes. */
  static BlobColumn bytes(int size) {
    return new BlobColumn(size, false);
  }

  @Override
  public String name() {
    String bytes =
        size >= 1 << 20 ? (size >> 20) + "MiB" : size >= 1024 ? (size >> 10) + "KiB" : "";
    return bounded ? "blob" + size : "bytes" + (bytes.isEmpty() ? size : bytes);
  }

  @Override
  public byte[] make(long number) {
    byte[] value = new byte[size];
    Arrays.fill(value, (byte) ((number * 0x9E3779B97F4A7C15L) >>> 56));
    for (int i = 0; i < Long.BYTES; i++) {
      value[i] = (byte) (number >>> (56 - 8 * i));
    }
    return value;
  }

  @Override
  public long number(byte[] value) {
    long number = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      number = number << 8 | (value[i] & 0xFF);
    }
    return number;
  }

  @Override
  public int averageSize() {
    return size;
  }

  @Override
  public Class<byte[]> type() {
    return byte[].class;
  }

  @Override
  public Codec<byte[]> codec() {
    return bounded ? Codecs.blob(size) : Codecs.bytes();
  }

  @Override
  public Comparator<byte[]> comparator() {
    return Arrays::compareUnsigned;
  }

  @Override
  public GroupSerializer<byte[]> mapdb() {
    return Serializer.BYTE_ARRAY;
  }

  @Override
  public DataType<byte[]> mvstore() {
    return MvBytesType.INSTANCE;
  }

  @Override
  public void write(ByteBuffer buffer, byte[] value) {
    buffer.put(value);
  }

  @Override
  public byte[] read(ByteBuffer buffer) {
    byte[] value = new byte[buffer.remaining()];
    buffer.duplicate().get(value);
    return value;
  }
}
