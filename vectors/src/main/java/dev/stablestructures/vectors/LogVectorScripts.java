package dev.stablestructures.vectors;

import dev.stablestructures.StableStructureException;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.log.StableLog;
import dev.stablestructures.memory.Memory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The compatibility scripts of {@link dev.stablestructures.log.StableLog}: {@code log-bytes}. */
public final class LogVectorScripts {
  /**
   * {@code log-bytes}: {@code Log<Vec<u8>>::init(index, data)}, then n times {@code len = next() %
   * 200; x = next(); append(bytes(len, x))}. Two images: {@code log-bytes-index} (the index memory)
   * and {@code log-bytes-data} (the data memory).
   */
  public static final VectorScript LOG_BYTES = new LogBytes();

  private LogVectorScripts() {}

  /**
   * Returns the log's scripts, for {@link VectorScripts}.
   *
   * @return the scripts
   */
  public static List<VectorScript> all() {
    return List.of(LOG_BYTES);
  }

  private static final class LogBytes implements VectorScript {
    private static final String NAME = "log-bytes";
    private static final String INDEX = "log-bytes-index";
    private static final String DATA = "log-bytes-data";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public List<String> images() {
      return List.of(INDEX, DATA);
    }

    private static List<byte[]> model(long seed, int n) {
      List<byte[]> model = new ArrayList<>(Math.max(n, 0));
      SplitMix64 random = new SplitMix64(seed);
      for (int i = 0; i < n; i++) {
        int length = (int) random.nextBelow(200);
        model.add(SplitMix64.bytes(length, random.next()));
      }
      return model;
    }

    @Override
    public void replayInto(long seed, int n, List<Memory> memories) {
      Memory index = memories.get(0);
      Memory data = memories.get(1);
      StableLog<byte[]> log = StableLog.init(index, data, Codecs.bytes());
      SplitMix64 random = new SplitMix64(seed);
      for (int i = 0; i < n; i++) {
        int length = (int) random.nextBelow(200);
        log.append(SplitMix64.bytes(length, random.next()));
      }
    }

    @Override
    public List<String> check(long seed, int n, Map<String, Memory> images) {
      List<String> missing = new ArrayList<>();
      for (String image : images()) {
        if (images.get(image) == null) {
          missing.add("image " + image + " is missing.");
        }
      }
      if (!missing.isEmpty()) {
        return missing;
      }
      StableLog<byte[]> log;
      try {
        log = StableLog.load(images.get(INDEX), images.get(DATA), Codecs.bytes());
      } catch (StableStructureException e) {
        return List.of(
            INDEX + " and " + DATA + " do not open as a Log<Vec<u8>>: " + e.getMessage());
      }
      List<byte[]> model = model(seed, n);
      List<String> differences =
          Mismatches.compareSequences(
              NAME + " entry", model, log.len(), log::get, Arrays::equals, Mismatches::hex);
      long bytes = 0;
      for (byte[] entry : model) {
        bytes += entry.length;
      }
      if (differences.isEmpty() && log.logSizeBytes() != bytes) {
        differences.add(
            NAME + " holds " + log.logSizeBytes() + " entry bytes, expected " + bytes + ".");
      }
      return differences;
    }
  }
}
