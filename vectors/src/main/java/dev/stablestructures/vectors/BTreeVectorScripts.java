package dev.stablestructures.vectors;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.codec.Unit;
import dev.stablestructures.internal.ToolHooks;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The B-tree compatibility scripts of {@code vectors/data/README.md}: {@code btreemap-u64-u64},
 * {@code btreemap-string-bytes} (run with n/4), {@code btreeset-u32} (a map to {@link Unit}, which
 * is how the crate stores a set) and {@code btreemap-v1-migrated}.
 *
 * <p>The V1 script starts from the crate's {@code btreemap_v1_packed_headers.dump}. By default the
 * start image is rebuilt with the library itself (a V1 map {@code Blob<10> -> Blob<10>} holding
 * {@code [1,2,3] -> [4,5,6]}, made as the crate's test-only {@code new_v1} does); the tests prove
 * it equal to the dump byte for byte, so no file is needed at run time. {@link #v1Migrated(byte[])}
 * takes the dump's bytes instead.
 */
public final class BTreeVectorScripts {
  private static final List<VectorScript> ALL =
      List.of(u64U64(), stringBytes(), setU32(), v1Migrated(null));

  private BTreeVectorScripts() {}

  /**
   * Returns the four B-tree scripts, in the README's order.
   *
   * @return the scripts
   */
  public static List<VectorScript> all() {
    return ALL;
  }

  /** The operations a script performs, applied either to a stored map or to a model. */
  private interface Sink<K, V> {
    void insert(K key, V value);

    void remove(K key);

    void popFirst();

    void popLast();
  }

  /** A script over one map, parameterized by its codecs and its operation sequence. */
  private abstract static class MapScript<K, V> implements VectorScript {
    private final String name;
    final Codec<K> keyCodec;
    final Codec<V> valueCodec;

    MapScript(String name, Codec<K> keyCodec, Codec<V> valueCodec) {
      this.name = name;
      this.keyCodec = keyCodec;
      this.valueCodec = valueCodec;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public List<String> images() {
      return List.of(name);
    }

    /** The image the script starts from; null (the default) for an empty memory. */
    byte[] startImage() {
      return null;
    }

    /** The entries {@link #startImage()} holds. */
    Map<K, V> startEntries() {
      return Map.of();
    }

    abstract void run(long seed, int n, Sink<K, V> sink);

    @Override
    public void replayInto(long seed, int n, List<Memory> memories) {
      Memory memory = memories.get(0);
      byte[] start = startImage();
      if (start != null) {
        Memories.write(memory, 0, start);
      }
      StableBTreeMap<K, V> tree = StableBTreeMap.init(memory, keyCodec, valueCodec);
      run(
          seed,
          n,
          new Sink<>() {
            @Override
            public void insert(K key, V value) {
              tree.put(key, value);
            }

            @Override
            public void remove(K key) {
              tree.remove(key);
            }

            @Override
            public void popFirst() {
              tree.pollFirstEntry();
            }

            @Override
            public void popLast() {
              tree.pollLastEntry();
            }
          });
    }

    /** The content the script leaves, computed on a {@code java.util.TreeMap}. */
    NavigableMap<K, V> model(long seed, int n) {
      NavigableMap<K, V> model = new TreeMap<>(keyCodec);
      model.putAll(startEntries());
      run(
          seed,
          n,
          new Sink<>() {
            @Override
            public void insert(K key, V value) {
              model.put(key, value);
            }

            @Override
            public void remove(K key) {
              model.remove(key);
            }

            @Override
            public void popFirst() {
              model.pollFirstEntry();
            }

            @Override
            public void popLast() {
              model.pollLastEntry();
            }
          });
      return model;
    }

    @Override
    public List<String> check(long seed, int n, Map<String, Memory> images) {
      List<String> problems = new ArrayList<>();
      Memory memory = images.get(name);
      if (memory == null) {
        problems.add("no image named " + name);
        return problems;
      }
      StableBTreeMap<K, V> tree;
      try {
        tree = StableBTreeMap.load(memory, keyCodec, valueCodec);
      } catch (RuntimeException e) {
        problems.add(name + ": cannot open the image: " + e.getMessage());
        return problems;
      }
      compare(name, tree, model(seed, n), problems);
      return problems;
    }
  }

  /**
   * Compares a stored tree with a model: length, both iteration orders, and a lookup of every key.
   */
  static <K, V> void compare(
      String name, StableBTreeMap<K, V> tree, NavigableMap<K, V> model, List<String> problems) {
    if (tree.longSize() != model.size()) {
      problems.add(name + ": length " + tree.longSize() + ", expected " + model.size());
    }
    compareOrder(name + " ascending", tree, model, problems);
    compareOrder(name + " descending", tree.descendingMap(), model.descendingMap(), problems);
    for (Map.Entry<K, V> e : model.entrySet()) {
      V stored = tree.get(e.getKey());
      if (!same(stored, e.getValue())) {
        problems.add(name + ": get(" + show(e.getKey()) + ") = " + show(stored));
        if (problems.size() > 20) {
          return;
        }
      }
    }
  }

  private static <K, V> void compareOrder(
      String what, NavigableMap<K, V> tree, NavigableMap<K, V> model, List<String> problems) {
    Iterator<Map.Entry<K, V>> stored = tree.entrySet().iterator();
    Iterator<Map.Entry<K, V>> expected = model.entrySet().iterator();
    long index = 0;
    while (expected.hasNext()) {
      Map.Entry<K, V> e = expected.next();
      if (!stored.hasNext()) {
        problems.add(what + ": ends after " + index + " entries, expected " + model.size());
        return;
      }
      Map.Entry<K, V> s = stored.next();
      if (!same(s.getKey(), e.getKey()) || !same(s.getValue(), e.getValue())) {
        problems.add(
            what
                + ": entry "
                + index
                + " is "
                + show(s.getKey())
                + "="
                + show(s.getValue())
                + ", expected "
                + show(e.getKey())
                + "="
                + show(e.getValue()));
        return;
      }
      index++;
    }
    if (stored.hasNext()) {
      problems.add(what + ": has more than the expected " + model.size() + " entries");
    }
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof byte[] left && b instanceof byte[] right) {
      return Arrays.equals(left, right);
    }
    return a == null ? b == null : a.equals(b);
  }

  private static String show(Object o) {
    return o instanceof byte[] array ? Mismatches.hex(array) : String.valueOf(o);
  }

  // ---------------------------------------------------------------- the scripts

  static VectorScript u64U64() {
    return new MapScript<Long, Long>("btreemap-u64-u64", Codecs.u64(), Codecs.u64()) {
      @Override
      void run(long seed, int n, Sink<Long, Long> sink) {
        SplitMix64 rng = new SplitMix64(seed);
        long range = 2L * n;
        for (int i = 0; i < n; i++) {
          long k = rng.nextBelow(range);
          long v = rng.next();
          sink.insert(k, v);
        }
        for (int i = 0; i < n / 2; i++) {
          sink.remove(rng.nextBelow(range));
        }
        for (int i = 0; i < n / 20; i++) {
          sink.popFirst();
        }
        for (int i = 0; i < n / 20; i++) {
          sink.popLast();
        }
      }
    };
  }

  /** Runs with n/4, as the README says. */
  static VectorScript stringBytes() {
    return new MapScript<String, byte[]>("btreemap-string-bytes", Codecs.string(), Codecs.bytes()) {
      @Override
      void run(long seed, int n, Sink<String, byte[]> sink) {
        int m = n / 4;
        SplitMix64 rng = new SplitMix64(seed);
        long range = 2L * m;
        for (int i = 0; i < m; i++) {
          String k = "k" + Long.toUnsignedString(rng.nextBelow(range));
          int len = (int) rng.nextBelow(2500);
          long x = rng.next();
          sink.insert(k, SplitMix64.bytes(len, x));
        }
        for (int i = 0; i < m / 2; i++) {
          sink.remove("k" + Long.toUnsignedString(rng.nextBelow(range)));
        }
      }
    };
  }

  static VectorScript setU32() {
    return new MapScript<Integer, Unit>("btreeset-u32", Codecs.u32(), Codecs.unit()) {
      @Override
      void run(long seed, int n, Sink<Integer, Unit> sink) {
        SplitMix64 rng = new SplitMix64(seed);
        long range = 4L * n;
        for (int i = 0; i < n; i++) {
          sink.insert((int) rng.nextBelow(range), Unit.INSTANCE);
        }
        for (int i = 0; i < n / 2; i++) {
          sink.remove((int) rng.nextBelow(range));
        }
      }
    };
  }

  /**
   * The V1 migration script.
   *
   * @param dump the bytes of {@code reference-repo/btreemap_v1_packed_headers.dump}, or null to
   *     rebuild that image with the library
   */
  public static VectorScript v1Migrated(byte[] dump) {
    return new MapScript<byte[], byte[]>("btreemap-v1-migrated", Codecs.blob(10), Codecs.blob(10)) {
      @Override
      byte[] startImage() {
        return dump != null ? dump : Memories.toByteArray(v1StartImage());
      }

      @Override
      Map<byte[], byte[]> startEntries() {
        return Map.of(new byte[] {1, 2, 3}, new byte[] {4, 5, 6});
      }

      @Override
      void run(long seed, int n, Sink<byte[], byte[]> sink) {
        SplitMix64 rng = new SplitMix64(seed);
        for (int i = 0; i < n; i++) {
          int kl = (int) rng.nextBelow(11);
          long kx = rng.next();
          int vl = (int) rng.nextBelow(11);
          long vx = rng.next();
          sink.insert(SplitMix64.bytes(kl, kx), SplitMix64.bytes(vl, vx));
        }
        for (int i = 0; i < n / 2; i++) {
          int kl = (int) rng.nextBelow(11);
          long kx = rng.next();
          sink.remove(SplitMix64.bytes(kl, kx));
        }
      }
    };
  }

  /** The crate's V1 golden dump, rebuilt: a V1 Blob<10> map holding [1,2,3] -> [4,5,6]. */
  public static HeapMemory v1StartImage() {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<byte[], byte[]> tree =
        ToolHooks.withV1Layout(
            () -> StableBTreeMap.create(memory, Codecs.blob(10), Codecs.blob(10)));
    tree.put(new byte[] {1, 2, 3}, new byte[] {4, 5, 6});
    return memory;
  }

  /** Copies a memory's bytes (for tests and dumps). */
  static byte[] bytes(Memory memory) {
    return Memories.toByteArray(memory);
  }
}
