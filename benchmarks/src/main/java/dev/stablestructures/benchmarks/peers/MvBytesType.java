package dev.stablestructures.benchmarks.peers;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * {@code byte[]} keys and values in H2 MVStore, ordered as unsigned bytes. MVStore's own {@code
 * ByteArrayDataType} stores values but cannot compare, so it cannot be a key type; this is what a
 * user with binary keys writes (a varint length, then the bytes, as that type does).
 */
final class MvBytesType extends BasicDataType<byte[]> {
  /** The one instance. */
  static final MvBytesType INSTANCE = new MvBytesType();

  private MvBytesType() {}

  @Override
  public int compare(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  @Override
  public int getMemory(byte[] value) {
    return 24 + value.length;
  }

  @Override
  public void write(WriteBuffer buffer, byte[] value) {
    buffer.putVarInt(value.length).put(value);
  }

  @Override
  public byte[] read(ByteBuffer buffer) {
    byte[] value = new byte[DataUtils.readVarInt(buffer)];
    buffer.get(value);
    return value;
  }

  @Override
  public byte[][] createStorage(int size) {
    return new byte[size][];
  }

  @Override
  public boolean equals(Object other) {
    return other == this;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
