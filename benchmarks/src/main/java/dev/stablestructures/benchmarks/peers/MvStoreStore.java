package dev.stablestructures.benchmarks.peers;

import java.nio.file.Path;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * An H2 {@code MVMap} in an {@code MVStore} file, with auto-commit off ({@code
 * autoCommitDisabled}): changes are written as a new chunk by each {@link #commit}, which does not
 * force the file to disk (MVStore syncs only on close), the common "no sync" setting. Everything
 * else is MVStore's default, including its 16 MiB page cache and its reuse of freed space only once
 * the chunks holding it are older than the retention time (45 s).
 */
final class MvStoreStore<K, V> extends MapStore<K, V> {
  private final ColumnType<K> keys;
  private final ColumnType<V> values;
  private final MVStore store;
  private final MVMap<K, V> map;

  private MvStoreStore(ColumnType<K> keys, ColumnType<V> values, MVStore store, MVMap<K, V> map) {
    super(map);
    this.keys = keys;
    this.values = values;
    this.store = store;
    this.map = map;
  }

  /** Opens (or creates) the store in {@code dir/mvstore.db}. */
  static <K, V> MvStoreStore<K, V> open(ColumnType<K> keys, ColumnType<V> values, Path dir) {
    MVStore store =
        new MVStore.Builder()
            .fileName(dir.resolve("mvstore.db").toString())
            .autoCommitDisabled()
            .open();
    MVMap<K, V> map =
        store.openMap(
            "peer", new MVMap.Builder<K, V>().keyType(keys.mvstore()).valueType(values.mvstore()));
    return new MvStoreStore<>(keys, values, store, map);
  }

  @Override
  public long scan() {
    return sum(map.cursor(null), Integer.MAX_VALUE);
  }

  @Override
  public long range(K from, int count) {
    return sum(map.cursor(from), count);
  }

  private long sum(Cursor<K, V> cursor, int count) {
    long sum = 0;
    for (int i = 0; i < count && cursor.hasNext(); i++) {
      K key = cursor.next();
      sum += Checksums.entry(keys, values, key, cursor.getValue());
    }
    return sum;
  }

  @Override
  public void commit() {
    if (store.hasUnsavedChanges()) {
      store.commit();
    }
  }

  @Override
  public void close() {
    store.close();
  }
}
