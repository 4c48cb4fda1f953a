package dev.stablestructures.vectors;

import java.util.List;
import java.util.Optional;

/** The registry of compatibility scripts the Java library can replay and check. */
public final class VectorScripts {
  private static final List<VectorScript> ALL =
      List.copyOf(dev.stablestructures.btreemap.BTreeVectorScripts.all());

  private VectorScripts() {}

  /**
   * Returns every registered script.
   *
   * @return the scripts, in a stable order
   */
  public static List<VectorScript> all() {
    return ALL;
  }

  /**
   * Finds a script by name.
   *
   * @param name the script's name
   * @return the script, or empty if none has that name
   */
  public static Optional<VectorScript> byName(String name) {
    return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
