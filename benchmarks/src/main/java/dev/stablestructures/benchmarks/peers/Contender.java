package dev.stablestructures.benchmarks.peers;

import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.FileMemory;
import dev.stablestructures.memory.HeapMemory;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The maps measured against each other, on the same data in the same run: ours on four memories,
 * {@code TreeMap} as the in-heap ceiling, and the stores a Java user would pick instead. Each says
 * how it meets the common durability setting, "no sync" (what a commit leaves is in the page cache,
 * not forced to disk): RESULTS.md prints these sentences.
 */
public enum Contender {
  /** Ours on a bare memory-mapped file. */
  STABLE_FILE(
      "ours, FileMemory", true, true, false, "no commit step: writes are in the mapping", "none") {
    @Override
    <K, V> PeerStore<K, V> open(ColumnType<K> k, ColumnType<V> v, Path dir, long capacity) {
      FileMemory file = FileMemory.open(dir.resolve("stable.bin"));
      return new StableStore<>(k, v, file, file);
    }
  },
  /** Ours in virtual memory 0 of a MemoryManager over a file, as the README's quick start. */
  STABLE_FILE_MM(
      "ours, FileMemory + MemoryManager",
      true,
      true,
      false,
      "as FileMemory; no commit step",
      "none") {
    @Override
    <K, V> PeerStore<K, V> open(ColumnType<K> k, ColumnType<V> v, Path dir, long capacity) {
      FileMemory file = FileMemory.open(dir.resolve("stable.bin"));
      return new StableStore<>(k, v, MemoryManager.init(file).get(0), file);
    }
  },
  /** Ours on a bare heap memory (at most 2 GiB). */
  STABLE_HEAP("ours, HeapMemory", true, true, true, "none (heap)", "none") {
    @Override
    <K, V> PeerStore<K, V> open(ColumnType<K> k, ColumnType<V> v, Path dir, long capacity) {
      return new StableStore<>(k, v, new HeapMemory(), null);
    }
  },
  /** Ours in virtual memory 0 of a MemoryManager over a heap memory. */
  STABLE_HEAP_MM("ours, HeapMemory + MemoryManager", true, true, true, "none (heap)", "none") {
    @Override
    <K, V> PeerStore<K, V> open(ColumnType<K> k, ColumnType<V> v, Path dir, long capacity) {
      return new StableStore<>(k, v, MemoryManager.init(new HeapMemory()).get(0), null);
    }
  },
  /** {@code java.util.TreeMap}, the in-heap ceiling. */
  TREEMAP("TreeMap", false, true, true, "none (heap)", "none") {
    @Override
    <K, V> PeerStore<K, V> open(ColumnType<K> k, ColumnType<V> v, Path dir, long capacity) {
      return new NavigableMapStore<>(k, v, new java.util.TreeMap<>(k.comparator()));
    }
  },
  /** MapDB 3 {@code BTreeMap}, memory-mapped file store. */
  MAPDB(
      "MapDB BTreeMap (mmap)",
      false,
      true,
      false,
      "no WAL (no transactionEnable), fileSyncDisable: commit() writes the header, no msync",
      "none") {
    @Override
    <K, V> PeerStore<K, V> open(ColumnType<K> k, ColumnType<V> v, Path dir, long capacity) {
      return MapDbStore.open(k, v, dir);
    }
  },
  /** LMDB through lmdbjava. */
  LMDB(
      "LMDB (lmdbjava)",
      false,
      true,
      false,
      "MDB_NOSYNC and MDB_NOMETASYNC: commit without fsync",
      "--add-opens java.base/java.nio and sun.nio.ch (its Unsafe buffer proxy)") {
    @Override
    <K, V> PeerStore<K, V> open(ColumnType<K> k, ColumnType<V> v, Path dir, long capacity) {
      return new LmdbStore<>(k, v, dir);
    }
  },
  /** H2 MVStore. */
  MVSTORE(
      "H2 MVStore",
      false,
      true,
      false,
      "autoCommitDisabled: commit() writes a chunk, no fsync (MVStore syncs on close)",
      "none") {
    @Override
    <K, V> PeerStore<K, V> open(ColumnType<K> k, ColumnType<V> v, Path dir, long capacity) {
      return MvStoreStore.open(k, v, dir);
    }
  },
  /** Chronicle Map, a persisted hash map: point operations only. */
  CHRONICLE(
      "Chronicle Map",
      false,
      false,
      false,
      "no transactions: writes are in the mapping, no sync",
      "chronicle.analytics.disable=true; exports jdk.internal.misc, jdk.internal.ref, sun.nio.ch, jdk.compiler javac.file; opens java.lang, java.lang.reflect, java.nio, sun.nio.ch, jdk.internal.misc, jdk.compiler javac") {
    @Override
    <K, V> PeerStore<K, V> open(ColumnType<K> k, ColumnType<V> v, Path dir, long capacity)
        throws IOException {
      return new ChronicleStore<>(k, v, dir, capacity);
    }
  };

  private final String label;
  private final boolean ours;
  private final boolean ordered;
  private final boolean onHeap;
  private final String durability;
  private final String flags;

  Contender(
      String label,
      boolean ours,
      boolean ordered,
      boolean onHeap,
      String durability,
      String flags) {
    this.label = label;
    this.ours = ours;
    this.ordered = ordered;
    this.onHeap = onHeap;
    this.durability = durability;
    this.flags = flags;
  }

  /**
   * Opens an empty store in {@code dir} (an empty directory of its own).
   *
   * @param capacity the most entries it will hold, for stores sized up front
   */
  abstract <K, V> PeerStore<K, V> open(
      ColumnType<K> keys, ColumnType<V> values, Path dir, long capacity) throws IOException;

  /**
   * The name reports show.
   *
   * @return e.g. {@code LMDB (lmdbjava)}
   */
  public String label() {
    return label;
  }

  /**
   * Whether this is our library.
   *
   * @return true for the {@code STABLE_*} contenders
   */
  public boolean ours() {
    return ours;
  }

  /**
   * Whether the store keeps keys in order (scans and ranges); Chronicle Map does not.
   *
   * @return true if ordered
   */
  public boolean ordered() {
    return ordered;
  }

  /**
   * Whether the store lives on the Java heap, so it has no file to measure.
   *
   * @return true for the heap contenders
   */
  public boolean onHeap() {
    return onHeap;
  }

  /**
   * How this store meets the common "no sync" durability setting.
   *
   * @return one sentence
   */
  public String durability() {
    return durability;
  }

  /**
   * The JVM flags this store needs on JDK 17+ (every peer fork gets all of them; see PeerForks).
   *
   * @return the flags, or {@code none}
   */
  public String flags() {
    return flags;
  }
}
