package dev.stablestructures.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A local host directory (default {@code ./.stable-host}) that keeps several canisters, as a local
 * replica does. Every {@code canister} command is a fresh process that finds all state here:
 *
 * <pre>
 * .stable-host/
 *   registry.txt                   name -&gt; principal (see {@link Registry}), replaced atomically
 *   registry.lock                  held only while a create rewrites the registry
 *   canisters/NAME/
 *     image.bin                    the canister's stable memory (a FileMemory, locked while in use)
 *     image.bin.journal            its undo journal (FileMemory's own)
 *     code.txt                     the installed code: jar file, class, hash (see {@link InstalledCode})
 *     code/code-SHA256.jar         copies of every code jar installed, by content
 *     snapshots/N/                 image.bin + code.txt + the jar, as taken by 'snapshot take'
 * </pre>
 */
final class HostDirectory {
  /** The default host directory, relative to the working directory. */
  static final String DEFAULT = ".stable-host";

  private final Path root;

  HostDirectory(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  Registry registry() {
    return new Registry(root);
  }

  /**
   * Returns a registered canister's files.
   *
   * @param name the canister's name
   * @return its files
   * @throws Main.CliException if no canister has that name
   */
  CanisterFiles canister(String name) {
    String principal = registry().read().get(name);
    if (principal == null) {
      throw new Main.CliException(
          CanisterCommand.STATE,
          "no canister '"
              + name
              + "' in "
              + root
              + "; create it with 'canister create "
              + name
              + "'");
    }
    return files(name, principal);
  }

  /**
   * Returns every registered canister's files, in name order.
   *
   * @return the canisters
   */
  List<CanisterFiles> all() {
    List<CanisterFiles> all = new ArrayList<>();
    for (Map.Entry<String, String> e : registry().read().entrySet()) {
      all.add(files(e.getKey(), e.getValue()));
    }
    return all;
  }

  /**
   * Creates a canister: registers its name with a new principal and makes its folder.
   *
   * @param name the canister's name
   * @return its files
   */
  CanisterFiles create(String name) {
    String principal = registry().create(name);
    CanisterFiles files = files(name, principal);
    try {
      Files.createDirectories(files.dir().resolve(CanisterFiles.CODE_DIR));
    } catch (IOException e) {
      throw new Main.CliException(
          Main.IO_ERROR, "cannot create " + files.dir() + ": " + e.getMessage());
    }
    return files;
  }

  private CanisterFiles files(String name, String principal) {
    return new CanisterFiles(name, principal, root.resolve("canisters").resolve(name));
  }
}
