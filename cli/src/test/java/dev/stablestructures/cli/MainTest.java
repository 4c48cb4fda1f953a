package dev.stablestructures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the tool in-process through picocli and checks exit codes and messages. */
class MainTest {
  @TempDir Path temp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private static Path published() {
    String dir = System.getProperty("vectors.dir");
    assertTrue(dir != null && !dir.isEmpty(), "system property vectors.dir is not set");
    Path published = Path.of(dir, "published");
    assertTrue(Files.isDirectory(published), "compatibility vectors not found at " + published);
    return published;
  }

  @Test
  void replayThenCheckRoundTrips() throws IOException {
    Path dir = temp.resolve("new/sub");
    assertEquals(
        0, run("replay", "vec-blob300", "--seed", "7", "--n", "300", "--dir", dir.toString()));
    assertTrue(Files.size(dir.resolve("vec-blob300.bin")) % 65_536 == 0);
    assertEquals(
        0, run("check", "vec-blob300", "--seed", "7", "--n", "300", "--dir", dir.toString()));
    assertTrue(out.toString().contains("images match"), out.toString());
    // Another seed leaves other content: check must fail and say where.
    assertEquals(
        1, run("check", "vec-blob300", "--seed", "8", "--n", "300", "--dir", dir.toString()));
    assertTrue(err.toString().contains("first mismatch at vec-blob300 element 0"), err.toString());
  }

  @Test
  void checksThePublishedVectors() throws IOException {
    for (String script : new String[] {"vec-u64", "vec-blob300", "cell-string", "minheap-u64"}) {
      Files.copy(published().resolve(script + ".bin.gz"), temp.resolve(script + ".bin.gz"));
      assertEquals(0, run("check", script, "--dir", temp.toString()), err.toString());
    }
  }

  @Test
  void checksTheLogsTwoImagesAndTheWholeCanisterImage() throws IOException {
    for (String image :
        new String[] {"log-bytes-index", "log-bytes-data", "canister-memory-manager"}) {
      Files.copy(published().resolve(image + ".bin.gz"), temp.resolve(image + ".bin.gz"));
    }
    assertEquals(0, run("check", "log-bytes", "--dir", temp.toString()), err.toString());
    assertEquals(
        0, run("check", "canister-memory-manager", "--dir", temp.toString()), err.toString());
    assertTrue(out.toString().contains("canister-memory-manager: images match"), out.toString());
    // The crate's canister image is not what another seed leaves: check names the memory.
    assertEquals(
        1, run("check", "canister-memory-manager", "--seed", "43", "--dir", temp.toString()));
    assertTrue(err.toString().contains("memory [0] (btreemap-u64-u64)"), err.toString());
  }

  @Test
  void corruptedImageFails() throws IOException {
    assertEquals(0, run("replay", "vec-u64", "--n", "100", "--dir", temp.toString()));
    Path file = temp.resolve("vec-u64.bin");
    byte[] bytes = Files.readAllBytes(file);
    bytes[64 + 8 * 5 + 7] ^= 1;
    Files.write(file, bytes);
    assertEquals(1, run("check", "vec-u64", "--n", "100", "--dir", temp.toString()));
    assertTrue(err.toString().contains("element 5"), err.toString());

    bytes[0] = 'X';
    Files.write(file, bytes);
    assertEquals(1, run("check", "vec-u64", "--n", "100", "--dir", temp.toString()));
    assertTrue(err.toString().contains("does not open"), err.toString());

    Files.write(file, new byte[100]);
    assertEquals(3, run("check", "vec-u64", "--n", "100", "--dir", temp.toString()));
    assertTrue(err.toString().contains("not a whole number"), err.toString());
  }

  @Test
  void missingImageFails() {
    assertEquals(3, run("check", "cell-string", "--dir", temp.toString()));
    assertTrue(err.toString().contains("image missing"), err.toString());
  }

  @Test
  void unknownScriptFailsAndListsKnownOnes() {
    assertEquals(2, run("check", "no-such", "--dir", temp.toString()));
    assertTrue(err.toString().contains("unknown script 'no-such'"), err.toString());
    assertTrue(err.toString().contains("vec-u64"), err.toString());
    assertEquals(2, run("replay", "no-such", "--dir", temp.toString()));
    assertEquals(2, run("check", "vec-u64"), "missing --dir is a usage error");
  }

  @Test
  void listNamesEveryScript() {
    assertEquals(0, run("list"));
    for (String name : new String[] {"vec-u64", "vec-blob300", "cell-string"}) {
      assertTrue(out.toString().contains(name), out.toString());
    }
  }

  @Test
  void helpDocumentsExitCodes() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString().contains("Exit codes"), out.toString());
    assertEquals(0, run("check", "--help"));
    assertTrue(out.toString().contains("3   an image file is missing"), out.toString());
  }
}
