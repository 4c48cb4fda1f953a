package dev.stablestructures.cli.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.memory.FileMemory;
import dev.stablestructures.memory.Journal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inspector on the bad input, one test per case: each is an exit code and one line
 * saying what was found and what was expected, never a stack trace, and the file is unchanged
 * (SHA-256), no journal created.
 */
class InspectorBadInputTest {
  static final int P = 65_536;

  @TempDir Path temp;

  private final Cli cli = new Cli();

  private Path file(String name, byte[] bytes) throws IOException {
    return Files.write(temp.resolve(name), bytes);
  }

  /** Every command refuses the file with {@code code} and every fragment; the file is intact. */
  private void refused(Path path, int code, String... fragments) throws IOException {
    String before = Files.isRegularFile(path) ? Cli.sha256(path) : null;
    Path journal = path.resolveSibling(path.getFileName() + FileMemory.JOURNAL_SUFFIX);
    boolean hadJournal = Files.exists(journal);
    for (String command : new String[] {"inspect", "verify", "dump"}) {
      assertEquals(code, cli.run(command, path.toString()), command + "\n" + cli.both());
      for (String fragment : fragments) {
        assertTrue(cli.both().contains(fragment), command + " lacks: " + fragment + cli.both());
      }
    }
    if (before != null) {
      assertEquals(before, Cli.sha256(path), "the file was changed");
      assertEquals(hadJournal, Files.exists(journal), "a journal was created");
    }
  }

  private static byte[] vecImage(int version) {
    byte[] image = new byte[P];
    image[0] = 'S';
    image[1] = 'V';
    image[2] = 'C';
    image[3] = (byte) version;
    image[12] = 8; // max element size 8, fixed-size, length 0
    image[16] = 1;
    return image;
  }

  @Test
  void truncatedFile() throws IOException {
    byte[] image = new byte[P + 1000];
    System.arraycopy(vecImage(1), 0, image, 0, P);
    refused(
        file("truncated.bin", image), 3, "is 66536 bytes long, not a whole number of 64 KiB pages");
  }

  @Test
  void lengthNotAMultipleOf64Kib() throws IOException {
    refused(file("odd.bin", new byte[] {1, 2, 3, 4, 5}), 3, "5 bytes long, not a whole number");
  }

  @Test
  void emptyFile() throws IOException {
    Path empty = file("empty.bin", new byte[0]);
    assertEquals(1, cli.run("inspect", empty.toString()), cli.both());
    assertTrue(cli.out().contains("no known structure: an empty memory (0 pages)"), cli.both());
    refused(empty, 1, "an empty memory (0 pages)");
  }

  @Test
  void aDirectory() throws IOException {
    Path dir = Files.createDirectory(temp.resolve("dir.bin"));
    refused(dir, 3, "is a directory, expected an image file");
  }

  @Test
  void aMissingFile() throws IOException {
    refused(temp.resolve("absent.bin"), 3, "image file not found");
    assertFalse(Files.exists(temp.resolve("absent.bin")));
  }

  @Test
  void wrongMagic() throws IOException {
    byte[] image = new byte[P];
    image[0] = 1;
    image[1] = 2;
    image[2] = 3;
    image[3] = 4;
    refused(file("garbage.bin", image), 1, "no known structure: bytes 01 02 03 04");
  }

  @Test
  void newerLayoutVersion() throws IOException {
    refused(
        file("newer.bin", vecImage(9)),
        1,
        "StableVec layout version 9 is not supported; this library reads version 1");
  }

  @Test
  void aStructureOfAnotherKindUnderATypedDump() throws IOException {
    // A vector dumped as if its elements were strings: 8-byte numbers are not UTF-8 with a
    // length; the dump still streams and marks them.
    Path path = Cli.published().resolve("vec-u64.bin.gz");
    assertEquals(1, cli.run("dump", path.toString(), "--value", "bool"), cli.both());
    assertTrue(cli.err().contains("did not decode; shown as !hex"), cli.both());
  }

  @Test
  void aFileLockedByAnotherProcess() throws Exception {
    Path path = temp.resolve("held.bin");
    Process holder = Cli.child("64m", LockHolder.class.getName(), path.toString());
    try {
      BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("locked", reader.readLine());
      refused(path, 3, "is locked by another process");
      holder.getOutputStream().close();
      assertTrue(holder.waitFor(60, TimeUnit.SECONDS));
    } finally {
      holder.destroyForcibly();
    }
    assertEquals(0, cli.run("verify", path.toString()), "once it let go: " + cli.both());
  }

  @Test
  void aReadOnlyFile() throws IOException {
    Path path = file("read-only.bin", vecImage(1));
    assertTrue(path.toFile().setWritable(false, false));
    assertEquals(0, cli.run("verify", path.toString()), cli.both());
    assertEquals(0, cli.run("inspect", path.toString()), cli.both());
    assertTrue(cli.out().contains("StableVec"), cli.both());
  }

  @Test
  void anUnfinishedTransactionIsReportedNotRecovered() throws IOException {
    Path path = temp.resolve("src").resolve("hot.bin");
    Files.createDirectories(path.getParent());
    Path copy = temp.resolve("crash").resolve("hot.bin");
    Files.createDirectories(copy.getParent());
    Path journal = path.resolveSibling("hot.bin" + FileMemory.JOURNAL_SUFFIX);
    try (FileMemory memory = FileMemory.open(path)) {
      memory.grow(1);
      memory.write(0, vecImage(1));
      Journal.Step step = memory.journal().step();
      memory.writeLongLE(4, 3);
      // A crash now: the image and its journal as the disk holds them.
      Files.copy(path, copy);
      Files.copy(journal, copy.resolveSibling("hot.bin" + FileMemory.JOURNAL_SUFFIX));
      step.close();
    }
    Path copiedJournal = copy.resolveSibling("hot.bin" + FileMemory.JOURNAL_SUFFIX);
    String journalBefore = Cli.sha256(copiedJournal);
    String before = Cli.sha256(copy);
    for (String command : new String[] {"inspect", "verify", "dump"}) {
      assertEquals(3, cli.run(command, copy.toString()), cli.both());
      assertTrue(cli.err().contains("has an unfinished transaction"), cli.both());
      assertTrue(cli.err().contains("open it read-write once to roll it back"), cli.both());
    }
    assertEquals(before, Cli.sha256(copy));
    assertEquals(journalBefore, Cli.sha256(copiedJournal));
  }

  @Test
  void badUsage() {
    Path vec = Cli.published().resolve("vec-u64.bin.gz");
    assertEquals(2, cli.run("inspect", vec.toString(), "--format", "yaml"));
    assertTrue(cli.err().contains("unknown format 'yaml'; expected text or json"), cli.err());
    assertEquals(2, cli.run("dump", vec.toString(), "--memory", "0"));
    assertTrue(cli.err().contains("not a MemoryManager: there is no memory 0"), cli.err());
  }
}
