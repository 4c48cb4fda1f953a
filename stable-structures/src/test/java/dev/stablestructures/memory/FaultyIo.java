package dev.stablestructures.memory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/** File operations that fail on request, to test how {@link FileMemory} handles OS refusals. */
final class FaultyIo implements FileIo {
  /** setLength refuses lengths above this. */
  long maxLength = Long.MAX_VALUE;

  /** setLength refuses lengths below this (shrinking back after a failed grow). */
  long minLength = 0;

  /** How many more maps succeed; the next one fails. */
  long mapsLeft = Long.MAX_VALUE;

  int setLengthCalls;
  int mapCalls;

  @Override
  public void setLength(RandomAccessFile file, long length) throws IOException {
    setLengthCalls++;
    if (length > maxLength || length < minLength) {
      throw new IOException("injected: refused length " + length);
    }
    FileIo.SYSTEM.setLength(file, length);
  }

  @Override
  public MappedByteBuffer map(FileChannel channel, long position, long size) throws IOException {
    mapCalls++;
    if (mapsLeft-- <= 0) {
      throw new IOException("injected: map failed");
    }
    return FileIo.SYSTEM.map(channel, position, size);
  }
}
