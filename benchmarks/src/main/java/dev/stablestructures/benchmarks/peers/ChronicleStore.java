package dev.stablestructures.benchmarks.peers;

import java.io.IOException;
import java.nio.file.Path;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * A Chronicle Map persisted to a file in {@code dir}: a hash map, so point operations only ({@link
 * #scan} and {@link #range} throw). It must be sized for its entries when created ({@code entries},
 * plus average key and value sizes for variable-size types). It has no transactions: writes land in
 * the mapped file, as ours do. Its analytics are off: chronicle-analytics is not on the class path
 * and {@code chronicle.analytics.disable=true} is set (NoNetworkTest checks).
 */
final class ChronicleStore<K, V> implements PeerStore<K, V> {
  private final ChronicleMap<K, V> map;

  /** Creates (or opens) the map in {@code dir/chronicle.dat}, sized for {@code capacity}. */
  ChronicleStore(ColumnType<K> keys, ColumnType<V> values, Path dir, long capacity)
      throws IOException {
    ChronicleMapBuilder<K, V> builder =
        ChronicleMapBuilder.of(keys.type(), values.type()).name("peer").entries(capacity);
    if (keys.type() != Long.class) {
      builder = builder.averageKeySize(keys.averageSize());
    }
    if (values.type() != Long.class) {
      builder = builder.averageValueSize(values.averageSize());
    }
    this.map = builder.createPersistedTo(dir.resolve("chronicle.dat").toFile());
  }

  @Override
  public void put(K key, V value) {
    map.put(key, value);
  }

  @Override
  public V get(K key) {
    return map.get(key);
  }

  @Override
  public boolean remove(K key) {
    return map.remove(key) != null;
  }

  @Override
  public long scan() {
    throw new UnsupportedOperationException("Chronicle Map is a hash map: no ordered scan");
  }

  @Override
  public long range(K from, int count) {
    throw new UnsupportedOperationException("Chronicle Map is a hash map: no range scan");
  }

  @Override
  public void commit() {}

  @Override
  public void close() {
    map.close();
  }
}
