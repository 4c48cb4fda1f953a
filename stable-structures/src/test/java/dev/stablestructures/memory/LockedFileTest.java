package dev.stablestructures.memory;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.MemoryIoException;
import dev.stablestructures.MemoryLockedException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LockedFile}'s failures that only the OS or a race provokes, through a {@link
 * LockedFile.Os} that fails or changes the file at the right call: each leaves no descriptor of the
 * open on the file ({@link FaultyIo#descriptorsOn}) and nothing in the table (the file opens
 * again).
 */
class LockedFileTest {
  @TempDir Path dir;

  @Test
  void aFileRenamedAwayBetweenItsOpenAndItsIdentityIsRefusedAndItsDescriptorClosed()
      throws IOException {
    Path path = dir.resolve("vanishing.bin");
    Path moved = dir.resolve("moved.bin");
    Files.write(path, new byte[] {1});
    LockedFile.Os os =
        new Calls() {
          @Override
          public Object identity(Path p) throws IOException {
            if (++identities == 2) {
              Files.move(path, moved); // after the descriptor was opened, before its lookup
            }
            return super.identity(p);
          }
        };
    MemoryIoException e =
        assertThrows(MemoryIoException.class, () -> LockedFile.open(path, false, os));
    assertEquals("memory file " + path + " vanished while being opened", e.getMessage());
    assertEquals(0, FaultyIo.descriptorsOn(moved), "the descriptor was closed");
    assertFalse(Files.exists(path));
    LockedFile.open(moved).close();
  }

  @Test
  void anIdentityTheOsFailsToReadAfterTheOpenIsAnIoErrorAndTheDescriptorClosed()
      throws IOException {
    Path path = dir.resolve("unreadable.bin");
    Files.write(path, new byte[] {1});
    LockedFile.Os os =
        new Calls() {
          @Override
          public Object identity(Path p) throws IOException {
            if (++identities == 2) {
              throw new AccessDeniedException(p.toString(), null, "injected");
            }
            return super.identity(p);
          }
        };
    MemoryIoException e =
        assertThrows(MemoryIoException.class, () -> LockedFile.open(path, false, os));
    assertEquals("cannot read memory file " + path + ": " + path + ": injected", e.getMessage());
    assertInstanceOf(AccessDeniedException.class, e.getCause());
    assertEquals(0, FaultyIo.descriptorsOn(path), "the descriptor was closed");
    LockedFile.open(path).close();
  }

  @Test
  @SuppressWarnings("try") // the other lock is held only for the block's scope
  void aLockThisJvmHoldsOutsideTheTableIsRefusedAndTheOpensDescriptorKept() throws IOException {
    Path path = dir.resolve("locked-elsewhere.bin");
    try (FileChannel other = FileChannel.open(path, CREATE, READ, WRITE);
        FileLock held = other.lock()) {
      MemoryLockedException e =
          assertThrows(MemoryLockedException.class, () -> LockedFile.open(path));
      assertEquals(
          "memory file "
              + path
              + " is locked by other code in this JVM (a FileLock not taken by this library)",
          e.getMessage());
      assertInstanceOf(OverlappingFileLockException.class, e.getCause());
      // Closing the refused open's descriptor would drop the other channel's POSIX lock (see the
      // class Javadoc): it stays open. FileMemoryLockTest checks from another process that the
      // lock still holds.
      assertEquals(2, FaultyIo.descriptorsOn(path), "the refused open's descriptor is kept");
      assertTrue(held.isValid());
    }
    LockedFile.open(path).close();
  }

  @Test
  void aLockTheOsFailsIsAnIoErrorAndTheDescriptorClosed() throws IOException {
    Path path = dir.resolve("no-locks.bin");
    LockedFile.Os os =
        locking(
            (channel, shared) -> {
              throw new IOException("injected: no locks available");
            });
    MemoryIoException e =
        assertThrows(MemoryIoException.class, () -> LockedFile.open(path, false, os));
    assertEquals(
        "cannot lock memory file " + path + ": injected: no locks available", e.getMessage());
    assertEquals(0, FaultyIo.descriptorsOn(path), "the descriptor was closed");
    LockedFile.open(path).close();
  }

  @Test
  void aReleaseThatFailsStillClosesTheDescriptorAndForgetsTheFile() throws IOException {
    Path path = dir.resolve("bad-release.bin");
    LockedFile.Os os =
        locking(
            (channel, shared) -> {
              FileLock real = LockedFile.Os.SYSTEM.tryLock(channel, shared);
              return new FileLock(channel, real.position(), real.size(), real.isShared()) {
                @Override
                public boolean isValid() {
                  return real.isValid();
                }

                @Override
                public void release() throws IOException {
                  throw new IOException("injected: release failed");
                }
              };
            });
    LockedFile locked = LockedFile.open(path, false, os);
    assertEquals(1, FaultyIo.descriptorsOn(path));
    MemoryIoException e = assertThrows(MemoryIoException.class, locked::close);
    assertEquals("cannot close memory file " + path + ": injected: release failed", e.getMessage());
    assertEquals(
        0, FaultyIo.descriptorsOn(path), "the descriptor was closed, and its lock with it");
    LockedFile.open(path).close();
  }

  @Test
  void aSecondOpenThatRacedARenameOntoTheHeldFileKeepsItsDescriptorUntilTheHolderCloses()
      throws IOException {
    Path held = dir.resolve("held.bin");
    Path target = dir.resolve("target.bin");
    LockedFile holder = LockedFile.open(held);
    LockedFile.Os os =
        new Calls() {
          @Override
          public Object identity(Path p) throws IOException {
            try {
              return super.identity(p);
            } catch (NoSuchFileException e) {
              Files.move(held, target); // lands after the lookup, before the descriptor's open
              throw e;
            }
          }
        };
    MemoryLockedException e =
        assertThrows(MemoryLockedException.class, () -> LockedFile.open(target, false, os));
    assertEquals("memory file " + target + " is already open in this JVM", e.getMessage());
    // Closing the stray now would drop the holder's lock: it stays open until the holder closes.
    assertEquals(2, FaultyIo.descriptorsOn(target), "the holder's and the stray");
    holder.close();
    assertEquals(0, FaultyIo.descriptorsOn(target), "the holder's close closed the stray");
    LockedFile.open(target).close();
  }

  /** The OS's own calls, but {@code tryLock}, which {@code lock} answers. */
  private static LockedFile.Os locking(TryLock lock) {
    return new Calls() {
      @Override
      public FileLock tryLock(FileChannel channel, boolean shared) throws IOException {
        return lock.tryLock(channel, shared);
      }
    };
  }

  /** A replacement for {@link LockedFile.Os#tryLock}. */
  @FunctionalInterface
  private interface TryLock {
    FileLock tryLock(FileChannel channel, boolean shared) throws IOException;
  }

  private static class Calls implements LockedFile.Os {
    int identities;

    @Override
    public Object identity(Path path) throws IOException {
      return LockedFile.Os.SYSTEM.identity(path);
    }

    @Override
    public FileLock tryLock(FileChannel channel, boolean shared) throws IOException {
      return LockedFile.Os.SYSTEM.tryLock(channel, shared);
    }
  }
}
