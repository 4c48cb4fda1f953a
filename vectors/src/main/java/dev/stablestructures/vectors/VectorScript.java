package dev.stablestructures.vectors;

import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One compatibility script of {@code vectors/data/README.md}: replays a fixed, seeded sequence of
 * operations with the Java library and checks an image against what the script leaves.
 */
public interface VectorScript {
  /**
   * Returns the script's name, as in the vectors README (for example {@code vec-u64}).
   *
   * @return the name
   */
  String name();

  /**
   * Returns the names of the images the script writes, usually just {@link #name()}; a log writes
   * two.
   *
   * @return image names, each stored as {@code <name>.bin} or {@code <name>.bin.gz}
   */
  List<String> images();

  /**
   * Replays the script on fresh in-heap memories.
   *
   * @param seed the random stream's seed
   * @param n the script's size parameter
   * @return the memories written, by image name, in the order of {@link #images()}
   */
  default Map<String, Memory> replay(long seed, int n) {
    Map<String, Memory> written = new LinkedHashMap<>();
    List<Memory> memories = new ArrayList<>();
    for (String image : images()) {
      Memory memory = new HeapMemory();
      written.put(image, memory);
      memories.add(memory);
    }
    replayInto(seed, n, memories);
    return written;
  }

  /**
   * Replays the script on memories the caller provides, such as the virtual memories of one
   * MemoryManager (a whole canister's image).
   *
   * @param seed the random stream's seed
   * @param n the script's size parameter
   * @param memories one empty memory per image, in the order of {@link #images()}
   */
  void replayInto(long seed, int n, List<Memory> memories);

  /**
   * Opens images with the Java library and compares their content with what the script leaves,
   * computed by replaying it against {@code java.util} models.
   *
   * @param seed the random stream's seed
   * @param n the script's size parameter
   * @param images the memories to check, by image name
   * @return the differences found, each a sentence for a person; empty when the images match
   */
  List<String> check(long seed, int n, Map<String, Memory> images);
}
