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
final class ChronicleStore<K, V> extends MapStore<K, V> {
  private final ChronicleMap<K, V> map;

  /** Creates (or opens) the map in {@code dir/chronicle.dat}, sized for {@code capacity}. */
  ChronicleStore(ColumnType<K> keys, ColumnType<V> values, Path dir, long capacity)
      throws IOException {
    this(create(keys, values, dir, capacity));
  }

  private ChronicleStore(ChronicleMap<K, V> map) {
    super(map);
    this.map = map;
  }

  private static <K, V> ChronicleMap<K, V> create(
      ColumnType<K> keys, ColumnType<V> values, Path dir, long capacity) throws IOException {
    ChronicleMapBuilder<K, V> builder =
        ChronicleMapBuilder.of(keys.type(), values.type()).name("peer").entries(capacity);
    if (keys.type() != Long.class) {
      builder = builder.averageKeySize(keys.averageSize());
    }
    if (values.type() != Long.class) {
      builder = builder.averageValueSize(values.averageSize());
    }
    return builder.createPersistedTo(dir.resolve("chronicle.dat").toFile());
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
