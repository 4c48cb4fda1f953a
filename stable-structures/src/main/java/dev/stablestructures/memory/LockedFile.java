package dev.stablestructures.memory;

import dev.stablestructures.MemoryIoException;
import dev.stablestructures.MemoryLockedException;
import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The open, exclusively locked descriptor of a {@link FileMemory}'s file, and the JVM-wide table of
 * the files held so.
 *
 * <p>On Linux a {@link FileLock} is a POSIX record lock: it belongs to the process, and closing
 * <em>any</em> descriptor of the file in the process drops it. So a second open of a file this JVM
 * holds must fail before it opens a descriptor (the table is checked first, by file identity); and
 * one that learns it only after opening (the path was renamed onto a held file in between) keeps
 * its descriptor, unclosed, until the holder closes. One refused because other code in this JVM
 * holds a {@link FileLock} on the file outside this table keeps its descriptor for the JVM's life:
 * closing it would drop that code's lock.
 */
final class LockedFile {
  /** Files this JVM holds, by identity (device and inode on Unix). */
  private static final Map<Object, LockedFile> OPEN = new HashMap<>();

  /**
   * Descriptors of opens refused because other code in this JVM locks the file: never closed, since
   * closing one would release that code's lock (one descriptor per refused open, the price of not
   * breaking someone else's lock).
   */
  private static final List<RandomAccessFile> KEPT_FOR_FOREIGN_LOCKS = new ArrayList<>();

  private final Path path;
  private final RandomAccessFile file;
  private final FileLock lock;
  private final Object key;

  /** Descriptors opened by mistake on this file, closed only with it. */
  private final List<RandomAccessFile> strays = new ArrayList<>();

  private LockedFile(Path path, RandomAccessFile file, FileLock lock, Object key) {
    this.path = path;
    this.file = file;
    this.lock = lock;
    this.key = key;
  }

  /**
   * Opens a file read-write, creating it if needed, and locks it exclusively.
   *
   * @param path the file
   * @return the locked file, registered as held by this JVM
   * @throws MemoryLockedException if this JVM or another process already holds the file
   * @throws MemoryIoException if the OS fails to open or lock it
   */
  static LockedFile open(Path path) {
    return open(path, false);
  }

  /**
   * Opens a file and locks it: read-write and exclusively, creating it if needed; or read-only and
   * shared (never creating it), so that read-only opens in other processes may share it and a
   * read-write open anywhere excludes it.
   *
   * @param path the file
   * @param readOnly whether to open for reading only, under a shared lock
   * @return the locked file, registered as held by this JVM
   * @throws MemoryLockedException if this JVM holds the file, or another process holds it in a way
   *     that excludes this open
   * @throws MemoryIoException if the OS fails to open or lock it
   */
  static LockedFile open(Path path, boolean readOnly) {
    return open(path, readOnly, Os.SYSTEM);
  }

  /**
   * Opens as {@link #open(Path, boolean)} does, with the identity lookups and the lock going
   * through {@code os}: a test's, to make them fail, or race, where the OS rarely does.
   */
  static LockedFile open(Path path, boolean readOnly, Os os) {
    synchronized (OPEN) {
      Object existing = identity(os, path);
      if (existing != null && OPEN.containsKey(existing)) {
        throw openHere(path);
      }
      RandomAccessFile file;
      try {
        file = new RandomAccessFile(path.toFile(), readOnly ? "r" : "rw");
      } catch (IOException e) {
        throw new MemoryIoException("cannot open memory file " + path + ": " + e.getMessage(), e);
      }
      Object key;
      try {
        key = identity(os, path);
        if (key == null) {
          throw new MemoryIoException("memory file " + path + " vanished while being opened");
        }
      } catch (RuntimeException e) {
        closeQuietly(file);
        throw e;
      }
      LockedFile holder = OPEN.get(key);
      if (holder != null) {
        // Closing this descriptor would drop the holder's lock: it waits for the holder's close.
        holder.strays.add(file);
        throw openHere(path);
      }
      LockedFile locked = new LockedFile(path, file, lock(os, path, file, readOnly), key);
      OPEN.put(key, locked);
      return locked;
    }
  }

  private static FileLock lock(Os os, Path path, RandomAccessFile file, boolean shared) {
    FileLock lock;
    try {
      lock = os.tryLock(file.getChannel(), shared);
    } catch (OverlappingFileLockException e) {
      KEPT_FOR_FOREIGN_LOCKS.add(file); // open() holds the table's monitor
      throw new MemoryLockedException(
          "memory file "
              + path
              + " is locked by other code in this JVM (a FileLock not taken by this library)",
          e);
    } catch (IOException e) {
      closeQuietly(file);
      throw new MemoryIoException("cannot lock memory file " + path + ": " + e.getMessage(), e);
    }
    if (lock == null) {
      closeQuietly(file);
      throw new MemoryLockedException("memory file " + path + " is locked by another process");
    }
    return lock;
  }

  private static MemoryLockedException openHere(Path path) {
    return new MemoryLockedException("memory file " + path + " is already open in this JVM");
  }

  /** The file's identity (device and inode on Unix), or null if there is no such file. */
  private static Object identity(Os os, Path path) {
    try {
      return os.identity(path);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new MemoryIoException("cannot read memory file " + path + ": " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // Already failing for a better reason; the descriptor is released either way.
    }
  }

  /**
   * Returns the open descriptor.
   *
   * @return the file, read-write unless it was opened read-only
   */
  RandomAccessFile file() {
    return file;
  }

  /**
   * Releases the lock, closes the descriptor and any stray ones, and forgets the file.
   *
   * @throws MemoryIoException if the OS reports a failure; everything is released anyway
   */
  void close() {
    synchronized (OPEN) {
      try {
        lock.release();
        file.close();
      } catch (IOException e) {
        closeQuietly(file);
        throw new MemoryIoException("cannot close memory file " + path + ": " + e.getMessage(), e);
      } finally {
        OPEN.remove(key, this);
        strays.forEach(LockedFile::closeQuietly);
      }
    }
  }

  /** Closes as {@link #close} does, for a caller already failing for a better reason. */
  void closeQuietly() {
    try {
      close();
    } catch (MemoryIoException e) {
      // The caller's own failure is the one to report.
    }
  }

  /**
   * The calls of {@link #open} that only the OS makes fail: a test's layer makes them fail, or
   * changes the file in between, to see that every failure leaves no descriptor open and nothing in
   * the table. {@link #SYSTEM} makes the calls themselves.
   */
  interface Os {
    /** The real calls. */
    Os SYSTEM =
        new Os() {
          @Override
          public Object identity(Path path) throws IOException {
            Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            return key != null ? key : path.toRealPath();
          }

          @Override
          public FileLock tryLock(FileChannel channel, boolean shared) throws IOException {
            return channel.tryLock(0, Long.MAX_VALUE, shared);
          }
        };

    /**
     * Returns a file's identity: its device and inode on Unix, else its real path.
     *
     * @param path the file
     * @return the identity, equal for every path of one file
     * @throws NoSuchFileException if there is no such file
     * @throws IOException if the OS fails to read it
     */
    Object identity(Path path) throws IOException;

    /**
     * Tries to lock a whole file.
     *
     * @param channel the file's channel
     * @param shared whether the lock is shared (a read-only open) or exclusive
     * @return the lock, or null if another process holds one that excludes it
     * @throws OverlappingFileLockException if this JVM holds a lock on the file
     * @throws IOException if the OS fails
     */
    FileLock tryLock(FileChannel channel, boolean shared) throws IOException;
  }
}
