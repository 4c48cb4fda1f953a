package dev.stablestructures.memory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * File operations that fail on request, to test how {@link FileMemory} handles OS refusals. The
 * image's operations fail as the fields say; the journal's ({@code *.journal}) succeed, except its
 * open when {@link #journalOpenFails} is set and its maps past {@link #journalMapsLeft}.
 */
final class FaultyIo implements FileIo {
  /** setLength refuses lengths above this. */
  long maxLength = Long.MAX_VALUE;

  /** setLength refuses lengths below this (shrinking back after a failed grow). */
  long minLength = 0;

  /** setLength refuses exactly this length (-1: none), allowing those on both sides of it. */
  long refusedLength = -1;

  /** How many more maps succeed; the next one fails. */
  long mapsLeft = Long.MAX_VALUE;

  /** Whether writeZeros fails. */
  boolean zerosFail;

  /** Whether opening the journal fails (after its descriptor was opened). */
  boolean journalOpenFails;

  /** How many more maps of the journal succeed; the next one fails. */
  long journalMapsLeft = Long.MAX_VALUE;

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
      return new Faulty(real, true);
    }
    return new Faulty(real, false);
  }

  /** One file's operations: the image's fail as the fields say, the journal's only its maps. */
  private final class Faulty implements IoFile {
    private final IoFile real;
    private final boolean journal;

    Faulty(IoFile real, boolean journal) {
      this.real = real;
      this.journal = journal;
    }

    @Override
    public long length() throws IOException {
      return real.length();
    }

    @Override
    public void setLength(long length) throws IOException {
      if (!journal) {
        setLengthCalls++;
        if (length > maxLength || length < minLength || length == refusedLength) {
          throw new IOException("injected: refused length " + length);
        }
      }
      real.setLength(length);
    }

    @Override
    public ByteBuffer map(long position, long size) throws IOException {
      if (journal) {
        if (journalMapsLeft-- <= 0) {
          throw new IOException("injected: journal map failed");
        }
      } else {
        mapCalls++;
        if (mapsLeft-- <= 0) {
          throw new IOException("injected: map failed");
        }
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
      if (!journal) {
        if (zerosFail) {
          throw new IOException("injected: write refused");
        }
        zeroBytes += length;
      }
      real.writeZeros(position, length);
    }
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
