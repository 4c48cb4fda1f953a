package dev.stablestructures.memory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * File operations that fail on request, to test how {@link FileMemory} handles OS refusals. Only
 * the image's operations fail; the journal's ({@code *.journal}) always succeed, except its open
 * when {@link #journalOpenFails} is set.
 */
final class FaultyIo implements FileIo {
  /** setLength refuses lengths above this. */
  long maxLength = Long.MAX_VALUE;

  /** setLength refuses lengths below this (shrinking back after a failed grow). */
  long minLength = 0;

  /** How many more maps succeed; the next one fails. */
  long mapsLeft = Long.MAX_VALUE;

  /** Whether writeZeros fails. */
  boolean zerosFail;

  /** Whether opening the journal fails (after its descriptor was opened). */
  boolean journalOpenFails;

  int setLengthCalls;
  int mapCalls;
  long zeroBytes;

  @Override
  public IoFile open(Path path, RandomAccessFile file) throws IOException {
    IoFile real = FileIo.SYSTEM.open(path, file);
    if (path.getFileName().toString().endsWith(FileMemory.JOURNAL_SUFFIX)) {
      if (journalOpenFails) {
        throw new IOException("injected: journal open refused");
      }
      return real;
    }
    return new IoFile() {
      @Override
      public long length() throws IOException {
        return real.length();
      }

      @Override
      public void setLength(long length) throws IOException {
        setLengthCalls++;
        if (length > maxLength || length < minLength) {
          throw new IOException("injected: refused length " + length);
        }
        real.setLength(length);
      }

      @Override
      public ByteBuffer map(long position, long size) throws IOException {
        mapCalls++;
        if (mapsLeft-- <= 0) {
          throw new IOException("injected: map failed");
        }
        return real.map(position, size);
      }

      @Override
      public void force(ByteBuffer mapping) throws IOException {
        real.force(mapping);
      }

      @Override
      public void sync(boolean metadata) throws IOException {
        real.sync(metadata);
      }

      @Override
      public void writeZeros(long position, int length) throws IOException {
        if (zerosFail) {
          throw new IOException("injected: write refused");
        }
        zeroBytes += length;
        real.writeZeros(position, length);
      }
    };
  }

  @Override
  public void syncDirectory(Path directory) throws IOException {
    FileIo.SYSTEM.syncDirectory(directory);
  }

  /**
   * Returns how many of this process's file descriptors are open on {@code file} (Linux: {@code
   * /proc/self/fd}), to see that a failed open leaked none.
   */
  static long descriptorsOn(Path file) throws IOException {
    Path real = file.toRealPath();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(fd -> real.equals(target(fd))).count();
    }
  }

  private static Path target(Path fd) {
    try {
      return Files.readSymbolicLink(fd);
    } catch (IOException e) {
      return null; // closed while listed (the listing's own descriptor, for one)
    }
  }
}
