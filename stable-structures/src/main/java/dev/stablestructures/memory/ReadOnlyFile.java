package dev.stablestructures.memory;

import dev.stablestructures.ReadOnlyMemoryException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The image of a {@link FileMemory} opened read-only: its descriptor is opened for reading only and
 * mapped {@link FileChannel.MapMode#READ_ONLY}, so even a write that slipped past the memory's own
 * check could not reach the file (the mapping would throw). Setting the length is refused; forcing
 * and syncing do nothing, since nothing was written.
 */
final class ReadOnlyFile implements IoFile {
  private final Path path;
  private final RandomAccessFile file;

  ReadOnlyFile(Path path, RandomAccessFile file) {
    this.path = path;
    this.file = file;
  }

  /** The error of a change asked of a read-only memory: names the file and the change. */
  static ReadOnlyMemoryException refused(Path path, String what) {
    return new ReadOnlyMemoryException(
        "memory file " + path + " is open read-only: cannot " + what + "; nothing was changed");
  }

  @Override
  public long length() throws IOException {
    return file.length();
  }

  @Override
  public void setLength(long length) {
    throw refused(path, "set its length to " + length + " bytes");
  }

  @Override
  public ByteBuffer map(long position, long size) throws IOException {
    return file.getChannel().map(FileChannel.MapMode.READ_ONLY, position, size);
  }

  @Override
  public void force(ByteBuffer mapping) {
    // Nothing was written.
  }

  @Override
  public void sync(boolean metadata) {
    // Nothing was written.
  }
}
