package dev.stablestructures.vectors;

import dev.stablestructures.StableStructureException;
import dev.stablestructures.cell.StableCell;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.Memory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The compatibility scripts of {@link StableCell}: {@code cell-string}. */
public final class CellVectorScripts {
  /**
   * {@code cell-string}: {@code Cell<String>::init(mem, "")}, then 10 times {@code len = next() %
   * 5000; x = next(); set(letters(len, x))}. The size parameter n is not used.
   */
  public static final VectorScript CELL_STRING = new CellString();

  private CellVectorScripts() {}

  /**
   * Returns this package's scripts, for {@link dev.stablestructures.vectors.VectorScripts}.
   *
   * @return the scripts
   */
  public static List<VectorScript> all() {
    return List.of(CELL_STRING);
  }

  private static final class CellString implements VectorScript {
    private static final String NAME = "cell-string";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public List<String> images() {
      return List.of(NAME);
    }

    /** Runs the script; the cell sees each value, the model keeps the last. */
    private static String run(long seed, StableCell<String> cell) {
      SplitMix64 random = new SplitMix64(seed);
      String last = "";
      for (int i = 0; i < 10; i++) {
        int length = (int) random.nextBelow(5000);
        last = SplitMix64.letters(length, random.next());
        if (cell != null) {
          cell.set(last);
        }
      }
      return last;
    }

    @Override
    public void replayInto(long seed, int n, List<Memory> memories) {
      Memory memory = memories.get(0);
      run(seed, StableCell.init(memory, Codecs.string(), ""));
    }

    @Override
    public List<String> check(long seed, int n, Map<String, Memory> images) {
      Memory memory = images.get(NAME);
      if (memory == null) {
        return List.of("image " + NAME + " is missing.");
      }
      String stored;
      try {
        stored = StableCell.load(memory, Codecs.string()).get();
      } catch (StableStructureException e) {
        return List.of(NAME + " does not open as a Cell<String>: " + e.getMessage());
      }
      String expected = run(seed, null);
      List<String> differences = new ArrayList<>();
      if (!stored.equals(expected)) {
        int i = 0;
        while (i < Math.min(stored.length(), expected.length())
            && stored.charAt(i) == expected.charAt(i)) {
          i++;
        }
        differences.add(
            "the cell holds a string of "
                + stored.length()
                + " chars, expected "
                + expected.length()
                + "; they first differ at char "
                + i
                + ": found '"
                + Mismatches.abbreviate(stored.substring(i), 20)
                + "', expected '"
                + Mismatches.abbreviate(expected.substring(i), 20)
                + "'.");
      }
      return differences;
    }
  }
}
