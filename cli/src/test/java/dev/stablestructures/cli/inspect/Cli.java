package dev.stablestructures.cli.inspect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.cli.Main;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import picocli.CommandLine;

/** Runs the tool in-process (or in a child JVM) and keeps what it printed. */
final class Cli {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  /** Runs one command line; returns its exit code. */
  int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    assertNoStackTrace();
    return code;
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }

  /** Both streams, for assertion messages. */
  String both() {
    return "--- out:\n" + out + "--- err:\n" + err;
  }

  void assertNoStackTrace() {
    String all = out.toString() + err;
    assertFalse(all.contains("\tat ") || all.contains("Exception in thread"), all);
  }

  /** The published vectors' folder. */
  static Path published() {
    String dir = System.getProperty("vectors.dir");
    assertTrue(dir != null && !dir.isEmpty(), "system property vectors.dir is not set");
    Path published = Path.of(dir, "published");
    assertTrue(Files.isDirectory(published), "compatibility vectors not found at " + published);
    return published;
  }

  /** A file's SHA-256, streamed (the multi-GB sparse image too). */
  static String sha256(Path file) throws IOException {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      byte[] buffer = new byte[1 << 20];
      while (in.read(buffer) >= 0) {
        // Digesting.
      }
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Starts the tool in a child JVM with a small heap; its stderr merged into its stdout. */
  static Process child(String maxHeap, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + maxHeap);
    command.add("-cp");
    List<String> parts = new ArrayList<>();
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isEmpty()) {
        parts.add(value);
      }
    }
    command.add(String.join(File.pathSeparator, parts));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }
}
