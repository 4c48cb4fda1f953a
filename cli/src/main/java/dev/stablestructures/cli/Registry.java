package dev.stablestructures.cli;

import dev.stablestructures.codec.Principal;
import dev.stablestructures.runtime.Principals;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The host directory's registry: which canister names exist and the principal each was given at
 * {@code canister create}, kept in {@code registry.txt}, one {@code NAME PRINCIPAL} line each, in
 * name order, after a {@code # stable-host registry 1} header line. Rewritten whole through {@link
 * AtomicFiles}, under an exclusive lock on {@code registry.lock}, so that two {@code create}s at
 * once both land and a reader never sees half a file.
 *
 * <p>Principals are the IC's canister ids: the 8-byte big-endian sequence number of the canister
 * followed by the bytes {@code 0x01 0x01}, in the textual form ({@code rrkah-fqaaa-aaaaa-aaaaq-cai}
 * is canister 1); the next number is one more than the largest in the registry.
 */
final class Registry {
  static final String FILE = "registry.txt";
  static final String LOCK = "registry.lock";
  private static final String HEADER = "# stable-host registry 1";
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,62}");

  private final Path root;

  Registry(Path root) {
    this.root = root;
  }

  /**
   * Reads every canister's name and principal.
   *
   * @return name to principal, in name order; empty if the registry does not exist yet
   */
  Map<String, String> read() {
    Path file = root.resolve(FILE);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new TreeMap<>();
    } catch (IOException e) {
      throw new Main.CliException(Main.IO_ERROR, "cannot read " + file + ": " + e.getMessage());
    }
    Map<String, String> entries = new TreeMap<>();
    String[] lines = text.split("\n", -1);
    if (!lines[0].equals(HEADER)) {
      throw new Main.CliException(
          Main.IO_ERROR,
          file
              + " is not a host registry: first line is '"
              + lines[0]
              + "', expected '"
              + HEADER
              + "'");
    }
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      String[] parts = lines[i].split(" ", -1);
      if (parts.length != 2 || !NAME.matcher(parts[0]).matches()) {
        throw new Main.CliException(
            Main.IO_ERROR,
            file + " line " + (i + 1) + " is '" + lines[i] + "', expected 'NAME PRINCIPAL'");
      }
      entries.put(parts[0], parts[1]);
    }
    return entries;
  }

  /**
   * Adds a canister with the next principal.
   *
   * @param name the canister's name
   * @return its principal, in textual form
   * @throws Main.CliException if the name is not valid or already taken
   */
  String create(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new Main.CliException(
          Main.USAGE,
          "canister name '"
              + name
              + "' is not valid: expected a letter, then up to 62 letters,"
              + " digits, '-' or '_'");
    }
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new Main.CliException(Main.IO_ERROR, "cannot create " + root + ": " + e.getMessage());
    }
    try (FileChannel lockFile =
        FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = lockFile.lock(); // waits for another create; released when the channel closes
      if (!lock.isValid()) {
        throw new IOException("the lock on " + root.resolve(LOCK) + " was lost");
      }
      Map<String, String> entries = read();
      if (entries.containsKey(name)) {
        throw new Main.CliException(
            CanisterCommand.STATE,
            "canister '" + name + "' already exists, with id " + entries.get(name));
      }
      long next = 1;
      for (String principal : entries.values()) {
        next = Math.max(next, sequenceOf(principal) + 1);
      }
      String principal = principalOf(next);
      entries.put(name, principal);
      StringBuilder text = new StringBuilder(HEADER).append('\n');
      entries.forEach((n, p) -> text.append(n).append(' ').append(p).append('\n'));
      AtomicFiles.write(root.resolve(FILE), text.toString().getBytes(StandardCharsets.UTF_8));
      return principal;
    } catch (IOException e) {
      throw new Main.CliException(
          Main.IO_ERROR, "cannot lock " + root.resolve(LOCK) + ": " + e.getMessage());
    }
  }

  /** The IC's canister id for sequence number {@code n} (the runtime's {@link Principals}). */
  static String principalOf(long n) {
    return Principals.canisterId(n).toText();
  }

  private static long sequenceOf(String principal) {
    return Principals.canisterIndex(Principal.fromText(principal));
  }
}
