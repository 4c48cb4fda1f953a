package dev.stablestructures.memory;

import dev.stablestructures.testing.TestRandom;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The expected content of a memory under random writes: a plain array grown by whole zero pages,
 * written with {@link ByteBuffer}. {@link #randomWrite} applies one random write, of any of the
 * write methods, to a memory and to the model.
 */
final class JournalModel {
  static final int P = Memory.PAGE_SIZE;

  byte[] bytes = new byte[0];

  JournalModel copy() {
    JournalModel m = new JournalModel();
    m.bytes = bytes.clone();
    return m;
  }

  void grow(long pages) {
    bytes = Arrays.copyOf(bytes, bytes.length + (int) pages * P);
  }

  /** The content after a rollback to {@code saved}: its bytes, then zeros up to this size. */
  void rollBackTo(JournalModel saved) {
    byte[] now = new byte[bytes.length];
    System.arraycopy(saved.bytes, 0, now, 0, saved.bytes.length);
    bytes = now;
  }

  private ByteBuffer le(long offset) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).position((int) offset);
  }

  private ByteBuffer be(long offset) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).position((int) offset);
  }

  /** Applies one random write to both; {@code maxBulk} bounds a bulk write's length. */
  static void randomWrite(TestRandom r, Memory memory, JournalModel model, int maxBulk) {
    long size = memory.sizeInBytes();
    if (size == 0) {
      return;
    }
    int kind = (int) r.nextBelow(9);
    int width =
        switch (kind) {
          case 0 -> 1;
          case 1 -> 2;
          case 2, 4 -> 4;
          case 3, 5 -> 8;
          default -> 1 + (int) r.nextBelow(r.nextBelow(4) == 0 ? maxBulk : 300);
        };
    width = (int) Math.min(width, size);
    long offset;
    if (r.nextBelow(3) == 0 && size > P) {
      long boundary = Math.min(P * (1 + r.nextBelow(size / P)), size - 1);
      offset = Math.max(0, Math.min(size - width, boundary - 1 - r.nextBelow(width)));
    } else {
      offset = r.nextBelow(size - width + 1);
    }
    long value = r.next();
    switch (kind) {
      case 0 -> {
        memory.writeByte(offset, (byte) value);
        model.bytes[(int) offset] = (byte) value;
      }
      case 1 -> {
        memory.writeShortLE(offset, (int) value);
        model.le(offset).putShort((short) value);
      }
      case 2 -> {
        memory.writeIntLE(offset, (int) value);
        model.le(offset).putInt((int) value);
      }
      case 3 -> {
        memory.writeLongLE(offset, value);
        model.le(offset).putLong(value);
      }
      case 4 -> {
        memory.writeIntBE(offset, (int) value);
        model.be(offset).putInt((int) value);
      }
      case 5 -> {
        memory.writeLongBE(offset, value);
        model.be(offset).putLong(value);
      }
      default -> {
        byte[] src = new byte[width + 3];
        for (int i = 0; i < src.length; i++) {
          src[i] = (byte) r.next();
        }
        memory.write(offset, src, 3, width);
        System.arraycopy(src, 3, model.bytes, (int) offset, width);
      }
    }
  }
}
