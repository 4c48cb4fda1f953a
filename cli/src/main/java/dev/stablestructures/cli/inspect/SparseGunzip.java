package dev.stablestructures.cli.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * Unpacks a gzip'd image into a file, streaming through one 64 KiB buffer (constant heap), and
 * leaving holes where a whole 64 KiB block is zero: a multi-GB image that is mostly empty pages
 * unpacks to a sparse file costing only its non-zero pages on disk.
 */
final class SparseGunzip {
  private static final int BLOCK = 64 * 1024;

  private SparseGunzip() {}

  /**
   * Unpacks {@code gz} into {@code target} (created, must not exist).
   *
   * @return the unpacked length in bytes
   */
  static long unpack(Path gz, Path target) throws IOException {
    byte[] block = new byte[BLOCK];
    long position = 0;
    try (InputStream in = new GZIPInputStream(java.nio.file.Files.newInputStream(gz), BLOCK);
        FileChannel out =
            FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      while (true) {
        int filled = in.readNBytes(block, 0, BLOCK);
        if (filled == 0) {
          break;
        }
        if (!isZero(block, filled)) {
          ByteBuffer buffer = ByteBuffer.wrap(block, 0, filled);
          long at = position;
          while (buffer.hasRemaining()) {
            at += out.write(buffer, at);
          }
        }
        position += filled;
        if (filled < BLOCK) {
          break;
        }
      }
      // A trailing hole still counts in the length: extend with a last zero byte if needed.
      if (out.size() < position) {
        out.write(ByteBuffer.wrap(new byte[1]), position - 1);
      }
    }
    return position;
  }

  private static boolean isZero(byte[] block, int length) {
    for (int i = 0; i < length; i++) {
      if (block[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
