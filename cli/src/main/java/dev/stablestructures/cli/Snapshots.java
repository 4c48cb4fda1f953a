package dev.stablestructures.cli;

import dev.stablestructures.MemoryLockedException;
import dev.stablestructures.memory.FileMemory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A canister's snapshots, as the IC's canister snapshots: a copy of the stable memory and of the
 * installed code, in {@code snapshots/N/} ({@code image.bin}, {@code code.txt}, the jar). Both
 * taking and loading hold the image's lock (the canister's FileMemory is open), so neither runs
 * beside another command on the canister. A snapshot is written into {@code snapshots/.N.tmp} and
 * renamed into place whole; a load renames a full copy onto the image, so a crash leaves either the
 * old image or the snapshot's.
 */
final class Snapshots {
  private static final int CHUNK = 1 << 20;

  private Snapshots() {}

  /** Opens the canister's image with its lock, or fails with "in use". */
  private static FileMemory lock(CanisterFiles files) {
    try {
      return FileMemory.open(files.image());
    } catch (MemoryLockedException e) {
      throw CanisterSession.inUse(files);
    }
  }

  /**
   * Takes a snapshot.
   *
   * @param files the canister
   * @return the new snapshot's number
   */
  static int take(CanisterFiles files) {
    InstalledCode code = files.installed().orElseThrow(() -> nothingInstalled(files));
    try (FileMemory memory = lock(files)) {
      int id = list(files).stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
      Path temp = files.snapshots().resolve("." + id + ".tmp");
      Files.createDirectories(temp);
      try (OutputStream out = Files.newOutputStream(temp.resolve(CanisterFiles.IMAGE))) {
        byte[] chunk = new byte[CHUNK];
        long size = memory.sizeInBytes();
        for (long at = 0; at < size; at += CHUNK) {
          int n = (int) Math.min(CHUNK, size - at);
          memory.read(at, chunk, 0, n);
          out.write(chunk, 0, n);
        }
      }
      Files.copy(files.jar(code), temp.resolve(code.jar()));
      Files.writeString(temp.resolve(CanisterFiles.CODE), code.format());
      AtomicFiles.move(temp, files.snapshots().resolve(Integer.toString(id)));
      return id;
    } catch (IOException e) {
      throw new Main.CliException(
          Main.IO_ERROR, "cannot write a snapshot of '" + files.name() + "': " + e.getMessage());
    }
  }

  /**
   * Loads a snapshot: the image and the installed code become the snapshot's.
   *
   * @param files the canister
   * @param id the snapshot's number
   */
  static void load(CanisterFiles files, int id) {
    Path dir = files.snapshots().resolve(Integer.toString(id));
    if (!Files.isDirectory(dir)) {
      throw new Main.CliException(
          CanisterCommand.STATE,
          "canister '"
              + files.name()
              + "' has no snapshot "
              + id
              + "; see 'canister snapshot list "
              + files.name()
              + "'");
    }
    Path codeFile = dir.resolve(CanisterFiles.CODE);
    InstalledCode code;
    try {
      code = InstalledCode.parse(Files.readString(codeFile), codeFile);
    } catch (IOException e) {
      throw new Main.CliException(Main.IO_ERROR, "cannot read " + codeFile + ": " + e.getMessage());
    }
    // Held open (locked, its journal recovered and clean) while the snapshot's copy is renamed
    // onto the image path: no other command can open the canister in between.
    FileMemory held = lock(files);
    try {
      files.storeJar(dir.resolve(code.jar()));
      AtomicFiles.copy(dir.resolve(CanisterFiles.IMAGE), files.image());
      files.setInstalled(code);
    } finally {
      held.close(); // releases the old file's lock; the path already names the snapshot's copy
    }
  }

  /**
   * Lists the snapshots' numbers.
   *
   * @param files the canister
   * @return the numbers, ascending
   */
  static List<Integer> list(CanisterFiles files) {
    List<Integer> ids = new ArrayList<>();
    if (!Files.isDirectory(files.snapshots())) {
      return ids;
    }
    try (Stream<Path> dirs = Files.list(files.snapshots())) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        String name = dir.getFileName().toString();
        if (name.matches("[0-9]{1,9}")) {
          ids.add(Integer.parseInt(name));
        }
      }
    } catch (IOException e) {
      throw new Main.CliException(
          Main.IO_ERROR, "cannot list " + files.snapshots() + ": " + e.getMessage());
    }
    ids.sort(null);
    return ids;
  }

  static Path dir(CanisterFiles files, int id) {
    return files.snapshots().resolve(Integer.toString(id));
  }

  private static Main.CliException nothingInstalled(CanisterFiles files) {
    return new Main.CliException(
        CanisterCommand.STATE,
        "canister '" + files.name() + "' has no code installed: nothing to snapshot");
  }
}
