package dev.stablestructures.vectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registry of compatibility scripts the Java library can replay and check.
 *
 * <p>Each structure package publishes its scripts beside the structure (for instance {@link
 * VecVectorScripts#all()}); to register more, add that package's list to {@link #ALL}.
 *
 * <p>Every script takes the vectors' {@code n} (5000 for the published images) and applies the
 * vectors README's scaling itself: a script documented as "run with n/4" divides internally, so
 * {@code replay(42, 5000)} reproduces every published image.
 */
public final class VectorScripts {
  private static final List<VectorScript> ALL =
      concat(
          CellVectorScripts.all(), // cell-string
          VecVectorScripts.all(), // vec-u64, vec-blob300
          BTreeVectorScripts.all(), // btreemap-*, btreeset-u32
          LogVectorScripts.all(), // log-bytes (images log-bytes-index, log-bytes-data)
          MinHeapVectorScripts.all(), // minheap-u64
          CanisterVectorScripts.all() // canister-memory-manager: all of them in one MemoryManager
          );

  private VectorScripts() {}

  /**
   * Returns every registered script.
   *
   * @return the scripts, in a stable order
   */
  public static List<VectorScript> all() {
    return ALL;
  }

  @SafeVarargs
  private static List<VectorScript> concat(List<VectorScript>... lists) {
    List<VectorScript> all = new ArrayList<>();
    for (List<VectorScript> list : lists) {
      all.addAll(list);
    }
    return List.copyOf(all);
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
