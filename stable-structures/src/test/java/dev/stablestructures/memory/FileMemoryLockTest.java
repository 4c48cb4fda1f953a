package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.MemoryLockedException;
import dev.stablestructures.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exclusive lock of {@link FileMemory} as another process sees it. Every wait is bounded. */
class FileMemoryLockTest {
  static final long TIMEOUT_SECONDS = 60;

  @TempDir Path dir;

  static Process start(String mode, Path path) throws IOException {
    return ChildJvm.start(FileMemoryLockProbe.class, "64m", mode, path.toString());
  }

  /** The child's first line of output, or a failure if none comes in time. */
  static String firstLine(Process process) throws Exception {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                return reader.readLine();
              } catch (IOException e) {
                return "read failed: " + e;
              }
            })
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** Runs a probe process that must find the file locked by this one. */
  static void assertAnotherProcessIsRefused(Path path) throws Exception {
    Process probe = start("probe", path);
    try {
      assertEquals(
          "refused: memory file " + path + " is locked by another process", firstLine(probe));
      awaitExit(probe);
    } finally {
      probe.destroyForcibly();
    }
  }

  static void awaitExit(Process process) throws InterruptedException {
    assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "child did not exit");
    assertEquals(0, process.exitValue());
  }

  @Test
  void aFileHeldByAnotherProcessIsRefusedUntilItLetsGo() throws Exception {
    Path path = dir.resolve("shared.bin");
    Process holder = start("hold", path);
    try {
      assertEquals("locked", firstLine(holder));
      MemoryLockedException e =
          assertThrows(MemoryLockedException.class, () -> FileMemory.open(path));
      assertEquals("memory file " + path + " is locked by another process", e.getMessage());
      holder.getOutputStream().close();
      awaitExit(holder);
    } finally {
      holder.destroyForcibly();
    }
    try (FileMemory memory = FileMemory.open(path)) {
      assertEquals(1, memory.size());
      assertEquals(77, memory.readLongLE(0));
    }
  }

  @Test
  void aRefusedSecondOpenInThisJvmKeepsTheOsLock() throws Exception {
    // With POSIX locks, closing any descriptor of the file drops this process's lock; the refused
    // second open must not have opened (and closed) one.
    Path path = dir.resolve("mine.bin");
    try (FileMemory memory = FileMemory.open(path)) {
      assertThrows(MemoryLockedException.class, () -> FileMemory.open(path));
      assertAnotherProcessIsRefused(path);
      assertEquals(0, memory.size());
    }
  }

  @Test
  void anOpenRefusedForAnotherComponentsLockLeavesThatLockHeld() throws Exception {
    // Other code of this JVM locks the file with its own channel; the refused open's descriptor,
    // if closed, would drop that lock for the whole process.
    Path path = dir.resolve("theirs.bin");
    try (FileChannel other =
            FileChannel.open(
                path,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock held = other.lock()) {
      assertThrows(MemoryLockedException.class, () -> FileMemory.open(path));
      assertAnotherProcessIsRefused(path);
      assertTrue(held.isValid());
    }
  }
}
