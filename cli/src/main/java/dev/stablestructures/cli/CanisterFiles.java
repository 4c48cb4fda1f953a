package dev.stablestructures.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One canister's files in a {@link HostDirectory}: its image, the record of its installed code and
 * the copies of its code jars. The copies are named by content ({@code code-SHA256.jar}) and never
 * rewritten, so a jar that a running command has loaded is never replaced under it, and snapshots
 * can share them.
 */
final class CanisterFiles {
  static final String IMAGE = "image.bin";
  static final String CODE = "code.txt";
  static final String CODE_DIR = "code";
  static final String SNAPSHOTS = "snapshots";

  private final String name;
  private final String principal;
  private final Path dir;

  CanisterFiles(String name, String principal, Path dir) {
    this.name = name;
    this.principal = principal;
    this.dir = dir;
  }

  String name() {
    return name;
  }

  String principal() {
    return principal;
  }

  Path dir() {
    return dir;
  }

  Path image() {
    return dir.resolve(IMAGE);
  }

  Path snapshots() {
    return dir.resolve(SNAPSHOTS);
  }

  /**
   * Reads the record of the installed code.
   *
   * @return the record, or empty if nothing was ever installed
   */
  Optional<InstalledCode> installed() {
    Path file = dir.resolve(CODE);
    try {
      return Optional.of(InstalledCode.parse(Files.readString(file), file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new Main.CliException(Main.IO_ERROR, "cannot read " + file + ": " + e.getMessage());
    }
  }

  /**
   * Replaces the record of the installed code, atomically.
   *
   * @param code the new record
   */
  void setInstalled(InstalledCode code) {
    AtomicFiles.write(dir.resolve(CODE), code.format().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns the path of a jar copy named in a record.
   *
   * @param code the record
   * @return the jar in this canister's code folder
   */
  Path jar(InstalledCode code) {
    return dir.resolve(CODE_DIR).resolve(code.jar());
  }

  /**
   * Returns the path a jar with this SHA-256 is copied to.
   *
   * @param sha256 the jar's hash, in hex
   * @return {@code code/code-SHA256.jar} in this canister's folder
   */
  Path jarByHash(String sha256) {
    return dir.resolve(CODE_DIR).resolve("code-" + sha256 + ".jar");
  }

  /**
   * Copies a code jar into this canister's code folder, under its content hash.
   *
   * @param jar the jar the user named
   * @return the copy's file name, such as {@code code-3f2a....jar}
   */
  String storeJar(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new Main.CliException(Main.IO_ERROR, "code jar not found: " + jar);
    }
    Path target = jarByHash(sha256(jar));
    String file = target.getFileName().toString();
    if (!Files.exists(target)) {
      try {
        Files.createDirectories(target.getParent());
      } catch (IOException e) {
        throw new Main.CliException(
            Main.IO_ERROR, "cannot create " + target.getParent() + ": " + e.getMessage());
      }
      AtomicFiles.copy(jar, target);
    }
    return file;
  }

  static String sha256(Path file) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new Main.CliException(Main.IO_ERROR, "cannot read " + file + ": " + e.getMessage());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
