package dev.stablestructures.memory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The OS under a {@link FileMemory}: every file operation of its image and its journal goes through
 * the {@link IoFile} this returns. Tests substitute layers that refuse operations (to check that a
 * refused grow changes nothing) or that record every write and sync (the power-loss simulation).
 */
interface FileIo {
  /** The real operations. */
  FileIo SYSTEM = new SystemIo();

  /**
   * Returns the operations on an open file.
   *
   * @param path the file's path (a test layer keys its files by it)
   * @param file the open descriptor, read-write
   * @return the file's operations
   * @throws IOException if the OS fails
   */
  IoFile open(Path path, RandomAccessFile file) throws IOException;

  /**
   * Makes a new directory entry durable ({@code fsync} of the directory), so that a file created in
   * it survives a power cut.
   *
   * @param directory the directory
   * @throws IOException if the OS fails
   */
  void syncDirectory(Path directory) throws IOException;

  /** The OS itself. */
  final class SystemIo implements FileIo {
    // Direct, so the channel writes from it without a copy; never written, so shared by all files.
    private static final ByteBuffer ZEROS =
        ByteBuffer.allocateDirect((int) FileGrowth.PREFILL_MAX).asReadOnlyBuffer();

    private final DirectoryOpener directories;

    private SystemIo() {
      this(directory -> FileChannel.open(directory, StandardOpenOption.READ));
    }

    /**
     * Creates the OS layer with its own way of opening a directory for {@link #syncDirectory}: a
     * test's, which records what the sync asks of the channel.
     */
    SystemIo(DirectoryOpener directories) {
      this.directories = directories;
    }

    @Override
    public IoFile open(Path path, RandomAccessFile file) {
      return file(file, file.getChannel());
    }

    /**
     * The operations on an open file: its length through the descriptor, the rest through its
     * channel ({@code file.getChannel()}; a test's wraps it, to record the syncs).
     */
    static IoFile file(RandomAccessFile file, FileChannel channel) {
      return new IoFile() {
        @Override
        public long length() throws IOException {
          return file.length();
        }

        @Override
        public void setLength(long length) throws IOException {
          file.setLength(length);
        }

        @Override
        public ByteBuffer map(long position, long size) throws IOException {
          return channel.map(FileChannel.MapMode.READ_WRITE, position, size);
        }

        @Override
        public void force(ByteBuffer mapping) {
          ((MappedByteBuffer) mapping).force();
        }

        @Override
        public void writeZeros(long position, int length) throws IOException {
          for (long done = 0; done < length; ) {
            ByteBuffer zeros = ZEROS.duplicate();
            zeros.limit((int) Math.min(length - done, zeros.capacity()));
            while (zeros.hasRemaining()) {
              done += channel.write(zeros, position + done);
            }
          }
        }

        @Override
        public void sync(boolean metadata) throws IOException {
          channel.force(metadata);
        }
      };
    }

    @Override
    public void syncDirectory(Path directory) throws IOException {
      try (FileChannel channel = directories.open(directory)) {
        channel.force(true);
      } catch (IOException e) {
        // Some platforms cannot open a directory for syncing; its entry is then as durable as the
        // OS makes it.
        if (!System.getProperty("os.name", "").startsWith("Windows")) {
          throw e;
        }
      }
    }

    /** Opens a directory for reading, to sync it. */
    @FunctionalInterface
    interface DirectoryOpener {
      /**
       * Opens a directory's channel.
       *
       * @param directory the directory
       * @return its channel, open for reading
       * @throws IOException if the OS fails
       */
      FileChannel open(Path directory) throws IOException;
    }
  }
}
