package dev.stablestructures.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The named-memory declarations of one canister, as stored in its metadata, and the rules of a new
 * declaration: the same name must come back with the same kind, codecs and memory ids, and no two
 * names may share a memory id, unless a migration step is running, which may replace them.
 */
final class Declarations {
  private final List<MemoryDeclaration> list;

  Declarations() {
    this(new ArrayList<>());
  }

  private Declarations(List<MemoryDeclaration> list) {
    this.list = list;
  }

  Declarations copy() {
    return new Declarations(new ArrayList<>(list));
  }

  List<MemoryDeclaration> list() {
    return Collections.unmodifiableList(list);
  }

  void add(MemoryDeclaration declaration) {
    list.add(declaration);
  }

  MemoryDeclaration byName(String name) {
    for (MemoryDeclaration d : list) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    return null;
  }

  /**
   * Records a declaration, checking it against the stored ones before any data is touched.
   *
   * @param declared what the code declares
   * @param migrating whether a migration step is running (it may replace stored declarations)
   * @return the names whose stored declarations the new one replaced (empty if none): their
   *     memories must be created afresh; the declared name is among them if it changed
   * @throws UpgradeIncompatibleException on a mismatch outside a migration step
   */
  List<String> declare(MemoryDeclaration declared, boolean migrating) {
    List<MemoryDeclaration> clashes = new ArrayList<>();
    for (MemoryDeclaration stored : list) {
      if (stored.equals(declared)) {
        return List.of();
      }
      if (stored.name().equals(declared.name()) || stored.overlaps(declared)) {
        clashes.add(stored);
      }
    }
    if (!clashes.isEmpty() && !migrating) {
      throw mismatch(clashes.get(0), declared);
    }
    List<String> replaced = new ArrayList<>();
    for (MemoryDeclaration clash : clashes) {
      list.remove(clash);
      replaced.add(clash.name());
    }
    list.add(declared);
    return replaced;
  }

  /** Drops a declaration (a migration's); false if there was none of that name. */
  boolean remove(String name) {
    return list.removeIf(d -> d.name().equals(name));
  }

  private static UpgradeIncompatibleException mismatch(
      MemoryDeclaration stored, MemoryDeclaration declared) {
    String what =
        stored.name().equals(declared.name())
            ? "named memory '" + stored.name() + "' is stored as " + stored.describe()
            : "a memory id of " + declared.describe() + " already holds " + stored.describe();
    return new UpgradeIncompatibleException(
        what
            + "; the code declares "
            + declared.describe()
            + ". Nothing was touched: keep the stored declaration, or register a migration step"
            + " that declares the new one");
  }
}
