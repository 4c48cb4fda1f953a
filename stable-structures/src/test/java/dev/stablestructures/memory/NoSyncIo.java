package dev.stablestructures.memory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The real file operations without their syncs: for tests of power-loss mode's logic that run many
 * commits and need no disk round trips (the power-loss simulation tests the syncs themselves).
 */
final class NoSyncIo implements FileIo {
  static final NoSyncIo INSTANCE = new NoSyncIo();

  int syncs;

  @Override
  public IoFile open(Path path, RandomAccessFile file) throws IOException {
    IoFile real = FileIo.SYSTEM.open(path, file);
    return new IoFile() {
      @Override
      public long length() throws IOException {
        return real.length();
      }

      @Override
      public void setLength(long length) throws IOException {
        real.setLength(length);
      }

      @Override
      public ByteBuffer map(long position, long size) throws IOException {
        return real.map(position, size);
      }

      @Override
      public void force(ByteBuffer mapping) {
        syncs++;
      }

      @Override
      public void sync(boolean metadata) {
        syncs++;
      }
    };
  }

  @Override
  public void syncDirectory(Path directory) {
    syncs++;
  }
}
