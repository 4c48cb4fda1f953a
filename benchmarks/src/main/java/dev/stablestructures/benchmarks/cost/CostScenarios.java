package dev.stablestructures.benchmarks.cost;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.runtime.meter.CostReport;
import dev.stablestructures.runtime.meter.MessageKind;
import dev.stablestructures.runtime.meter.Meter;
import dev.stablestructures.runtime.meter.MeterLimits;
import dev.stablestructures.runtime.meter.MeteredMemory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The Rust crate's canbench scenarios ({@code benchmarks/btreemap}, {@code benchmarks/vec}),
 * counted by the runtime's meter instead of timed: each builds its structure on a {@link
 * MeteredMemory} over a {@link HeapMemory} uncharged, then charges one {@link Meter} (no caps) with
 * exactly the part canbench's {@code bench_fn} measures, {@link #COUNT} operations with keys and
 * values from a {@link SplittableRandom} of a fixed seed (its sequence is specified, so the same on
 * every JDK). The counts depend on the code only, never on the machine: a regression check that
 * noise cannot fool ({@code CostBaselineTest}).
 */
public final class CostScenarios {
  /** Operations per scenario, as canbench's. */
  public static final int COUNT = 10_000;

  /** The seed of every scenario's random keys and values. */
  public static final long SEED = 0;

  /** Memory id of the structures the {@code mem_manager} scenarios put in a memory manager. */
  static final int MANAGED_ID = 42;

  private CostScenarios() {}

  /**
   * Runs every scenario.
   *
   * @return scenario name → the meter's report of its measured part, in a fixed order
   */
  public static Map<String, CostReport> runAll() {
    Map<String, CostReport> out = new LinkedHashMap<>();
    mapScenarios("u64_u64", Codecs.u64(), Codecs.u64(), r -> r.nextLong(), r -> r.nextLong(), out);
    mapScenarios(
        "blob_32_128", Codecs.blob(32), Codecs.blob(128), r -> blob(r, 32), r -> blob(r, 128), out);
    out.put(
        "btreemap_mem_manager_insert_u64_u64",
        insert(managed(), Codecs.u64(), Codecs.u64(), r -> r.nextLong(), r -> r.nextLong()));
    vecScenarios("u64", Codecs.u64(), r -> r.nextLong(), out);
    vecScenarios("blob_128", Codecs.blob(128), r -> blob(r, 128), out);
    out.put("vec_get_blob_128_mem_manager", vecGet(managed(), Codecs.blob(128), r -> blob(r, 128)));
    return out;
  }

  private static <K, V> void mapScenarios(
      String name,
      Codec<K> keys,
      Codec<V> values,
      Function<SplittableRandom, K> key,
      Function<SplittableRandom, V> value,
      Map<String, CostReport> out) {
    out.put("btreemap_insert_" + name, insert(plain(), keys, values, key, value));
    out.put("btreemap_get_" + name, getOrRemove(keys, values, key, value, false));
    out.put("btreemap_remove_" + name, getOrRemove(keys, values, key, value, true));
  }

  private static <T> void vecScenarios(
      String name,
      Codec<T> codec,
      Function<SplittableRandom, T> item,
      Map<String, CostReport> out) {
    out.put("vec_push_" + name, vecPush(plain(), codec, item));
    out.put("vec_get_" + name, vecGet(plain(), codec, item));
  }

  /** canbench's {@code insert_helper}: COUNT random pairs into an empty map. */
  private static <K, V> CostReport insert(
      Metered m,
      Codec<K> keys,
      Codec<V> values,
      Function<SplittableRandom, K> key,
      Function<SplittableRandom, V> value) {
    StableBTreeMap<K, V> map = StableBTreeMap.init(m.structure, keys, values);
    List<K> ks = new ArrayList<>(COUNT);
    List<V> vs = new ArrayList<>(COUNT);
    SplittableRandom r = new SplittableRandom(SEED);
    for (int i = 0; i < COUNT; i++) {
      ks.add(key.apply(r));
      vs.add(value.apply(r));
    }
    Meter meter = m.start();
    for (int i = 0; i < COUNT; i++) {
      map.put(ks.get(i), vs.get(i));
    }
    return m.stop(meter);
  }

  /** canbench's {@code get_helper} / {@code remove_helper}: COUNT pairs inserted, then each key. */
  private static <K, V> CostReport getOrRemove(
      Codec<K> keys,
      Codec<V> values,
      Function<SplittableRandom, K> key,
      Function<SplittableRandom, V> value,
      boolean remove) {
    Metered m = plain();
    StableBTreeMap<K, V> map = StableBTreeMap.init(m.structure, keys, values);
    List<K> ks = new ArrayList<>(COUNT);
    SplittableRandom r = new SplittableRandom(SEED);
    for (int i = 0; i < COUNT; i++) {
      K k = key.apply(r);
      ks.add(k);
      map.put(k, value.apply(r));
    }
    Meter meter = m.start();
    for (K k : ks) {
      if (remove) {
        map.remove(k);
      } else {
        map.get(k);
      }
    }
    return m.stop(meter);
  }

  /** canbench's {@code vec_insert}: COUNT pushes onto an empty vector. */
  private static <T> CostReport vecPush(
      Metered m, Codec<T> codec, Function<SplittableRandom, T> item) {
    dev.stablestructures.vec.StableVec<T> vec =
        dev.stablestructures.vec.StableVec.init(m.structure, codec);
    List<T> items = new ArrayList<>(COUNT);
    SplittableRandom r = new SplittableRandom(SEED);
    for (int i = 0; i < COUNT; i++) {
      items.add(item.apply(r));
    }
    Meter meter = m.start();
    for (T t : items) {
      vec.push(t);
    }
    return m.stop(meter);
  }

  /** canbench's {@code vec_get}: COUNT pushes, then every index. */
  private static <T> CostReport vecGet(
      Metered m, Codec<T> codec, Function<SplittableRandom, T> item) {
    dev.stablestructures.vec.StableVec<T> vec =
        dev.stablestructures.vec.StableVec.init(m.structure, codec);
    SplittableRandom r = new SplittableRandom(SEED);
    for (int i = 0; i < COUNT; i++) {
      vec.push(item.apply(r));
    }
    Meter meter = m.start();
    for (long i = 0; i < COUNT; i++) {
      vec.get(i);
    }
    return m.stop(meter);
  }

  private static byte[] blob(SplittableRandom r, int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i += 8) {
      long v = r.nextLong();
      for (int j = 0; j < 8 && i + j < size; j++) {
        b[i + j] = (byte) (v >>> (8 * j));
      }
    }
    return b;
  }

  private static Metered plain() {
    MeteredMemory root = new MeteredMemory(new HeapMemory());
    return new Metered(root, root);
  }

  private static Metered managed() {
    MeteredMemory root = new MeteredMemory(new HeapMemory());
    return new Metered(root, MemoryManager.init(root).get(MANAGED_ID));
  }

  /** A metered root memory, and the memory the structure lives in (the root, or a managed one). */
  private static final class Metered {
    final MeteredMemory root;
    final Memory structure;

    Metered(MeteredMemory root, Memory structure) {
      this.root = root;
      this.structure = structure;
    }

    Meter start() {
      Meter meter = new Meter(MessageKind.UPDATE, MeterLimits.unlimited());
      root.setMeter(meter);
      return meter;
    }

    CostReport stop(Meter meter) {
      root.setMeter(null);
      return meter.report();
    }
  }
}
