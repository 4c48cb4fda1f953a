package dev.stablestructures.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Little- and big-endian primitives on a {@code byte[]}, the one place the library reads and writes
 * numbers in heap buffers (node images, headers built before one bulk write). Each is a single
 * little-endian {@link VarHandle} access, bounds-checked by the JVM: an index outside the array
 * throws {@link IndexOutOfBoundsException}. Big-endian is that access with the bytes reversed, one
 * intrinsic (what a big-endian {@code VarHandle} itself does on a little-endian machine), as {@link
 * Memory}'s big-endian defaults are.
 *
 * <p>The reference format uses both orders: headers, lengths and addresses are little-endian;
 * encoded integers are big-endian so that their bytes sort like the numbers. {@link #getBE} and
 * {@link #putBE} take the width as an argument, for the codecs' numbers of 1 to 8 bytes and the
 * tuples' 1-, 2- or 4-byte length fields.
 */
public final class ByteArrays {
  private static final VarHandle SHORT_LE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private ByteArrays() {}

  /**
   * Reads an unsigned little-endian 16-bit integer.
   *
   * @param bytes the array
   * @param offset the index of its first byte
   * @return the value, 0 to 65535
   */
  public static int getShortLE(byte[] bytes, int offset) {
    return (short) SHORT_LE.get(bytes, offset) & 0xFFFF;
  }

  /**
   * Writes the low 16 bits of a value, little-endian.
   *
   * @param bytes the array
   * @param offset the index of its first byte
   * @param value the value
   */
  public static void putShortLE(byte[] bytes, int offset, int value) {
    SHORT_LE.set(bytes, offset, (short) value);
  }

  /**
   * Reads a little-endian 32-bit integer.
   *
   * @param bytes the array
   * @param offset the index of its first byte
   * @return the value
   */
  public static int getIntLE(byte[] bytes, int offset) {
    return (int) INT_LE.get(bytes, offset);
  }

  /**
   * Writes a little-endian 32-bit integer.
   *
   * @param bytes the array
   * @param offset the index of its first byte
   * @param value the value
   */
  public static void putIntLE(byte[] bytes, int offset, int value) {
    INT_LE.set(bytes, offset, value);
  }

  /**
   * Reads a little-endian 64-bit integer.
   *
   * @param bytes the array
   * @param offset the index of its first byte
   * @return the value
   */
  public static long getLongLE(byte[] bytes, int offset) {
    return (long) LONG_LE.get(bytes, offset);
  }

  /**
   * Writes a little-endian 64-bit integer.
   *
   * @param bytes the array
   * @param offset the index of its first byte
   * @param value the value
   */
  public static void putLongLE(byte[] bytes, int offset, long value) {
    LONG_LE.set(bytes, offset, value);
  }

  /**
   * Reads an unsigned big-endian 16-bit integer.
   *
   * @param bytes the array
   * @param offset the index of its first byte
   * @return the value, 0 to 65535
   */
  public static int getShortBE(byte[] bytes, int offset) {
    return Short.reverseBytes((short) SHORT_LE.get(bytes, offset)) & 0xFFFF;
  }

  /**
   * Writes the low 16 bits of a value, big-endian.
   *
   * @param bytes the array
   * @param offset the index of its first byte
   * @param value the value
   */
  public static void putShortBE(byte[] bytes, int offset, int value) {
    SHORT_LE.set(bytes, offset, Short.reverseBytes((short) value));
  }

  /**
   * Reads a big-endian 32-bit integer.
   *
   * @param bytes the array
   * @param offset the index of its first byte
   * @return the value
   */
  public static int getIntBE(byte[] bytes, int offset) {
    return Integer.reverseBytes((int) INT_LE.get(bytes, offset));
  }

  /**
   * Writes a big-endian 32-bit integer.
   *
   * @param bytes the array
   * @param offset the index of its first byte
   * @param value the value
   */
  public static void putIntBE(byte[] bytes, int offset, int value) {
    INT_LE.set(bytes, offset, Integer.reverseBytes(value));
  }

  /**
   * Reads a big-endian 64-bit integer.
   *
   * @param bytes the array
   * @param offset the index of its first byte
   * @return the value
   */
  public static long getLongBE(byte[] bytes, int offset) {
    return Long.reverseBytes((long) LONG_LE.get(bytes, offset));
  }

  /**
   * Writes a big-endian 64-bit integer.
   *
   * @param bytes the array
   * @param offset the index of its first byte
   * @param value the value
   */
  public static void putLongBE(byte[] bytes, int offset, long value) {
    LONG_LE.set(bytes, offset, Long.reverseBytes(value));
  }

  /**
   * Reads an unsigned big-endian number of 1, 2, 4 or 8 bytes.
   *
   * @param bytes the array
   * @param offset the index of its first byte
   * @param width how many bytes: 1, 2, 4 or 8
   * @return the value, zero-extended (for 8 bytes, all 64 bits)
   * @throws IllegalArgumentException if the width is not one of those
   */
  public static long getBE(byte[] bytes, int offset, int width) {
    return switch (width) {
      case Long.BYTES -> getLongBE(bytes, offset);
      case Integer.BYTES -> getIntBE(bytes, offset) & 0xFFFF_FFFFL;
      case Short.BYTES -> getShortBE(bytes, offset);
      case Byte.BYTES -> bytes[offset] & 0xFFL;
      default -> throw badWidth(width);
    };
  }

  /**
   * Writes the low 1, 2, 4 or 8 bytes of a value, big-endian.
   *
   * @param bytes the array
   * @param offset the index of its first byte
   * @param width how many bytes: 1, 2, 4 or 8
   * @param value the value
   * @throws IllegalArgumentException if the width is not one of those
   */
  public static void putBE(byte[] bytes, int offset, int width, long value) {
    switch (width) {
      case Long.BYTES -> putLongBE(bytes, offset, value);
      case Integer.BYTES -> putIntBE(bytes, offset, (int) value);
      case Short.BYTES -> putShortBE(bytes, offset, (int) value);
      case Byte.BYTES -> bytes[offset] = (byte) value;
      default -> throw badWidth(width);
    }
  }

  private static IllegalArgumentException badWidth(int width) {
    return new IllegalArgumentException("a number takes 1, 2, 4 or 8 bytes, not " + width);
  }
}
