package dev.stablestructures.benchmarks.upgrade;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The state both upgrade canisters hold, and the arguments of their messages. Values are made from
 * their key, so the runner never ships a state's bytes in a message and a reply can be checked. All
 * numbers little-endian:
 *
 * <pre>
 * fill argument (16 bytes)                 get argument (8 bytes)
 * +--------+------+---------------------+  +--------+------+-----------+
 * | offset | size | field               |  | offset | size | field     |
 * +--------+------+---------------------+  +--------+------+-----------+
 * |      0 |    8 | first key           |  |      0 |    8 | key       |
 * |      8 |    4 | count of keys       |  +--------+------+-----------+
 * |     12 |    4 | bytes of each value |
 * +--------+------+---------------------+
 *
 * value of key k (n bytes): the 8 bytes of k, then (byte) k repeated
 * </pre>
 */
public final class StateArgs {
  private StateArgs() {}

  /**
   * A fill request: keys {@code first .. first + count - 1}.
   *
   * @param first the first key
   * @param count how many keys
   * @param valueBytes bytes of each value (at least 8)
   */
  public record Fill(long first, int count, int valueBytes) {
    /**
     * Checks the request.
     *
     * @param first the first key
     * @param count how many keys
     * @param valueBytes bytes of each value
     */
    public Fill {
      if (count < 0 || valueBytes < 8) {
        throw new IllegalArgumentException(
            "a fill needs count >= 0 and values of at least 8 bytes, found count "
                + count
                + " and "
                + valueBytes
                + " bytes");
      }
    }

    /**
     * Encodes the request as a message argument.
     *
     * @return 16 bytes
     */
    public byte[] encode() {
      return le(16).putLong(first).putInt(count).putInt(valueBytes).array();
    }

    /**
     * Decodes a message argument.
     *
     * @param arg 16 bytes
     * @return the request
     */
    public static Fill decode(byte[] arg) {
      if (arg.length != 16) {
        throw new IllegalArgumentException(
            "a fill argument has 16 bytes, found " + arg.length + " bytes");
      }
      ByteBuffer b = ByteBuffer.wrap(arg).order(ByteOrder.LITTLE_ENDIAN);
      return new Fill(b.getLong(), b.getInt(), b.getInt());
    }
  }

  /**
   * Encodes a key as the {@code get} argument.
   *
   * @param key the key
   * @return 8 bytes
   */
  public static byte[] key(long key) {
    return le(8).putLong(key).array();
  }

  /**
   * Decodes the {@code get} argument.
   *
   * @param arg 8 bytes
   * @return the key
   */
  public static long key(byte[] arg) {
    if (arg.length != 8) {
      throw new IllegalArgumentException("a key argument has 8 bytes, found " + arg.length);
    }
    return ByteBuffer.wrap(arg).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  /**
   * The value of a key.
   *
   * @param key the key
   * @param bytes its length, at least 8
   * @return the 8 bytes of the key, then its low byte repeated
   */
  public static byte[] value(long key, int bytes) {
    byte[] value = new byte[bytes];
    Arrays.fill(value, 8, bytes, (byte) key);
    for (int i = 0; i < 8; i++) {
      value[i] = (byte) (key >>> (8 * i));
    }
    return value;
  }

  private static ByteBuffer le(int bytes) {
    return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }
}
