package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link ByteArrays}: each accessor's byte order, shown by the bytes it writes at an offset inside
 * a larger array, the unsigned widening of the narrow reads, and the width switch of {@code getBE}
 * and {@code putBE}.
 */
class ByteArraysTest {
  private static final byte[] ASCENDING = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

  @Test
  void bigEndianReadsTakeTheFirstByteAsTheMostSignificant() {
    assertEquals(0x0102, ByteArrays.getShortBE(ASCENDING, 1));
    assertEquals(0x01020304, ByteArrays.getIntBE(ASCENDING, 1));
    assertEquals(0x0102030405060708L, ByteArrays.getLongBE(ASCENDING, 1));
  }

  @Test
  void bigEndianWritesPutTheMostSignificantByteFirst() {
    byte[] bytes = new byte[10];
    ByteArrays.putShortBE(bytes, 1, 0x0102);
    assertArrayEquals(new byte[] {0, 1, 2, 0, 0, 0, 0, 0, 0, 0}, bytes);
    bytes = new byte[10];
    ByteArrays.putIntBE(bytes, 1, 0x01020304);
    assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 0, 0, 0, 0, 0}, bytes);
    bytes = new byte[10];
    ByteArrays.putLongBE(bytes, 1, 0x0102030405060708L);
    assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 0}, bytes);
  }

  @Test
  void narrowReadsAreUnsigned() {
    byte[] ones = {-1, -1, -1, -1, -1, -1, -1, -1};
    assertEquals(0xFFFF, ByteArrays.getShortBE(ones, 0));
    assertEquals(0xFFFF, ByteArrays.getShortLE(ones, 0));
    assertEquals(0xFFL, ByteArrays.getBE(ones, 0, 1));
    assertEquals(0xFFFFL, ByteArrays.getBE(ones, 0, 2));
    assertEquals(0xFFFF_FFFFL, ByteArrays.getBE(ones, 0, 4));
    assertEquals(-1L, ByteArrays.getBE(ones, 0, 8));
  }

  @Test
  void getAndPutByWidthMatchTheFixedWidthAccessors() {
    assertEquals(0x01L, ByteArrays.getBE(ASCENDING, 1, 1));
    assertEquals(0x0102L, ByteArrays.getBE(ASCENDING, 1, 2));
    assertEquals(0x01020304L, ByteArrays.getBE(ASCENDING, 1, 4));
    assertEquals(0x0102030405060708L, ByteArrays.getBE(ASCENDING, 1, 8));
    long value = 0x0102030405060708L;
    for (int width : new int[] {1, 2, 4, 8}) {
      byte[] bytes = new byte[10];
      ByteArrays.putBE(bytes, 1, width, value);
      byte[] expected = new byte[10];
      for (int i = 0; i < width; i++) {
        expected[1 + i] = (byte) (value >>> (8 * (width - 1 - i)));
      }
      assertArrayEquals(expected, bytes, "width " + width);
      long mask = width == 8 ? -1L : (1L << (8 * width)) - 1;
      assertEquals(value & mask, ByteArrays.getBE(bytes, 1, width), "width " + width);
    }
  }

  @Test
  void aWidthOtherThanOneTwoFourOrEightIsRefused() {
    byte[] bytes = new byte[10];
    for (int width : new int[] {0, 3, 5, 16}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ByteArrays.getBE(bytes, 0, width));
      assertTrue(e.getMessage().contains("not " + width), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> ByteArrays.putBE(bytes, 0, width, 1));
    }
    assertArrayEquals(new byte[10], bytes);
  }

  @Test
  void littleEndianAccessorsMirrorTheBigEndianOnes() {
    byte[] bytes = new byte[10];
    ByteArrays.putLongLE(bytes, 1, 0x0807060504030201L);
    assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 0}, bytes);
    assertEquals(0x0807060504030201L, ByteArrays.getLongLE(bytes, 1));
    assertEquals(0x04030201, ByteArrays.getIntLE(bytes, 1));
    assertEquals(0x0201, ByteArrays.getShortLE(bytes, 1));
  }
}
