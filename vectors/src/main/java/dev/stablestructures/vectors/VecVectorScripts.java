package dev.stablestructures.vectors;

import dev.stablestructures.StableStructureException;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.vec.StableVec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The compatibility scripts of {@link StableVec}: {@code vec-u64} and {@code vec-blob300}. */
public final class VecVectorScripts {
  /**
   * {@code vec-u64}: n times {@code push(next())}; n/10 times {@code i = next() % len; x = next();
   * set(i, x)}; n/20 times {@code pop()}.
   */
  public static final VectorScript VEC_U64 = new VecU64();

  /** {@code vec-blob300}: n times {@code len = next() % 301; x = next(); push(bytes(len, x))}. */
  public static final VectorScript VEC_BLOB300 = new VecBlob300();

  private VecVectorScripts() {}

  /**
   * Returns this package's scripts, for {@link dev.stablestructures.vectors.VectorScripts}.
   *
   * @return the scripts
   */
  public static List<VectorScript> all() {
    return List.of(VEC_U64, VEC_BLOB300);
  }

  private static final class VecU64 implements VectorScript {
    private static final String NAME = "vec-u64";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public List<String> images() {
      return List.of(NAME);
    }

    @Override
    public void replayInto(long seed, int n, List<Memory> memories) {
      Memory memory = memories.get(0);
      StableVec<Long> vec = StableVec.init(memory, Codecs.u64());
      SplitMix64 random = new SplitMix64(seed);
      for (int i = 0; i < n; i++) {
        vec.pushLong(random.next());
      }
      for (int i = 0; i < n / 10; i++) {
        long index = random.nextBelow(vec.len());
        vec.setLong(index, random.next());
      }
      for (int i = 0; i < n / 20; i++) {
        vec.pop();
      }
    }

    private static List<Long> model(long seed, int n) {
      List<Long> model = new ArrayList<>();
      SplitMix64 random = new SplitMix64(seed);
      for (int i = 0; i < n; i++) {
        model.add(random.next());
      }
      for (int i = 0; i < n / 10; i++) {
        int index = (int) random.nextBelow(model.size());
        model.set(index, random.next());
      }
      for (int i = 0; i < n / 20 && !model.isEmpty(); i++) {
        model.remove(model.size() - 1);
      }
      return model;
    }

    @Override
    public List<String> check(long seed, int n, Map<String, Memory> images) {
      Memory memory = images.get(NAME);
      if (memory == null) {
        return List.of("image " + NAME + " is missing.");
      }
      StableVec<Long> vec;
      try {
        vec = StableVec.load(memory, Codecs.u64());
      } catch (StableStructureException e) {
        return List.of(NAME + " does not open as a StableVec<u64>: " + e.getMessage());
      }
      return Mismatches.compareSequences(
          NAME + " element",
          model(seed, n),
          vec.len(),
          vec::get,
          Long::equals,
          v -> Long.toUnsignedString(v));
    }
  }

  private static final class VecBlob300 implements VectorScript {
    private static final String NAME = "vec-blob300";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public List<String> images() {
      return List.of(NAME);
    }

    private static List<byte[]> model(long seed, int n) {
      List<byte[]> model = new ArrayList<>(n);
      SplitMix64 random = new SplitMix64(seed);
      for (int i = 0; i < n; i++) {
        int length = (int) random.nextBelow(301);
        model.add(SplitMix64.bytes(length, random.next()));
      }
      return model;
    }

    @Override
    public void replayInto(long seed, int n, List<Memory> memories) {
      Memory memory = memories.get(0);
      StableVec<byte[]> vec = StableVec.init(memory, Codecs.blob(300));
      SplitMix64 random = new SplitMix64(seed);
      for (int i = 0; i < n; i++) {
        int length = (int) random.nextBelow(301);
        vec.push(SplitMix64.bytes(length, random.next()));
      }
    }

    @Override
    public List<String> check(long seed, int n, Map<String, Memory> images) {
      Memory memory = images.get(NAME);
      if (memory == null) {
        return List.of("image " + NAME + " is missing.");
      }
      StableVec<byte[]> vec;
      try {
        vec = StableVec.load(memory, Codecs.blob(300));
      } catch (StableStructureException e) {
        return List.of(NAME + " does not open as a StableVec<Blob<300>>: " + e.getMessage());
      }
      return Mismatches.compareSequences(
          NAME + " element", model(seed, n), vec.len(), vec::get, Arrays::equals, Mismatches::hex);
    }
  }
}
