package dev.stablestructures.benchmarks.peers;

import java.nio.file.Path;
import org.mapdb.DB;
import org.mapdb.DBMaker;

/**
 * MapDB 3's {@code BTreeMap} in a memory-mapped file store ({@code fileMmapEnable}), without a
 * write-ahead log ({@code transactionEnable} not called, so there are no transactions to roll back)
 * and with {@code fileSyncDisable}: {@code commit()} then writes the store's header and checksum
 * without forcing the file to disk, the common "no sync" setting. Values of 1 KiB and more are kept
 * outside the B-tree nodes ({@code valuesOutsideNodesEnable}), as MapDB's manual advises for large
 * values; small ones inline (the default).
 */
final class MapDbStore<K, V> extends NavigableMapStore<K, V> {
  private final DB db;

  private MapDbStore(ColumnType<K> keys, ColumnType<V> values, DB db, boolean outside) {
    super(keys, values, open(db, keys, values, outside));
    this.db = db;
  }

  /** Opens (or creates) the map in {@code dir/mapdb.db}. */
  static <K, V> MapDbStore<K, V> open(ColumnType<K> keys, ColumnType<V> values, Path dir) {
    DB db =
        DBMaker.fileDB(dir.resolve("mapdb.db").toFile())
            .fileMmapEnable()
            .fileSyncDisable()
            .cleanerHackEnable()
            .make();
    return new MapDbStore<>(keys, values, db, values.averageSize() >= 1024);
  }

  private static <K, V> org.mapdb.BTreeMap<K, V> open(
      DB db, ColumnType<K> keys, ColumnType<V> values, boolean outside) {
    DB.TreeMapMaker<K, V> maker = db.treeMap("peer", keys.mapdb(), values.mapdb());
    if (outside) {
      maker = maker.valuesOutsideNodesEnable();
    }
    return maker.createOrOpen();
  }

  @Override
  public void commit() {
    db.commit();
  }

  @Override
  public void close() {
    db.close();
  }
}
