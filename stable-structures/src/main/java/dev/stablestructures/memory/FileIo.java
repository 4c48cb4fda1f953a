package dev.stablestructures.memory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The OS operations a {@link FileMemory} can see fail while it grows; tests substitute failing ones
 * to check that a refused grow changes nothing.
 */
interface FileIo {
  /** The real operations. */
  FileIo SYSTEM =
      new FileIo() {
        @Override
        public void setLength(RandomAccessFile file, long length) throws IOException {
          file.setLength(length);
        }

        @Override
        public MappedByteBuffer map(FileChannel channel, long position, long size)
            throws IOException {
          return channel.map(FileChannel.MapMode.READ_WRITE, position, size);
        }
      };

  /**
   * Sets the file's length (sparse when growing).
   *
   * @param file the file
   * @param length the new length in bytes
   * @throws IOException if the OS refuses
   */
  void setLength(RandomAccessFile file, long length) throws IOException;

  /**
   * Maps a region of the file read-write.
   *
   * @param channel the file's channel
   * @param position the first byte
   * @param size the region's length, at most {@code Integer.MAX_VALUE}
   * @return the mapping
   * @throws IOException if the OS refuses
   */
  MappedByteBuffer map(FileChannel channel, long position, long size) throws IOException;
}
