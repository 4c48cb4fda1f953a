package dev.stablestructures.benchmarks.peers;

import java.io.IOException;
import java.nio.file.Path;

/** The key and value types of the workloads, made from {@link KeySpace} numbers. */
public enum Workload {
  /** u64 → u64. */
  U64("u64 → u64", U64Column.INSTANCE, U64Column.INSTANCE),
  /** The crate's {@code Blob<32>} → {@code Blob<128>}. */
  BLOB("Blob32 → Blob128", BlobColumn.blob(32), BlobColumn.blob(128)),
  /** String keys → 1 KiB byte arrays. */
  STRING_1K("String → 1 KiB", new StringColumn("key/", ""), BlobColumn.bytes(1 << 10)),
  /** The seed's asset store: String paths → 1 MiB byte arrays. */
  ASSET("String path → 1 MiB", new StringColumn("assets/", ".bin"), BlobColumn.bytes(1 << 20));

  private final String label;

  @SuppressWarnings("ImmutableEnumChecker") // every column holds only final sizes and strings
  private final ColumnType<?> keys;

  @SuppressWarnings("ImmutableEnumChecker") // likewise
  private final ColumnType<?> values;

  Workload(String label, ColumnType<?> keys, ColumnType<?> values) {
    this.label = label;
    this.keys = keys;
    this.values = values;
  }

  /**
   * The name reports show.
   *
   * @return e.g. {@code u64 → u64}
   */
  public String label() {
    return label;
  }

  /**
   * The bytes of one value, for throughput in bytes.
   *
   * @return e.g. 1048576 for {@link #ASSET}
   */
  public int valueBytes() {
    return values.averageSize();
  }

  // Sound: a workload's objects are only ever made by its own columns and given back to them.
  @SuppressWarnings("unchecked")
  ColumnType<Object> keyColumn() {
    return (ColumnType<Object>) keys;
  }

  @SuppressWarnings("unchecked") // as keyColumn()
  ColumnType<Object> valueColumn() {
    return (ColumnType<Object>) values;
  }

  /** The key made from key number {@code keyNumber}. */
  Object key(long keyNumber) {
    return keyColumn().make(keyNumber);
  }

  /** The value stored under key number {@code keyNumber}. */
  Object value(long keyNumber) {
    return valueColumn().make(KeySpace.value(keyNumber));
  }

  /** Whether {@code value} is the one stored under key number {@code keyNumber}. */
  boolean isValueOf(long keyNumber, Object value) {
    return value != null && valueColumn().number(value) == KeySpace.value(keyNumber);
  }

  /** Opens an empty store of {@code contender} for this workload in {@code dir}. */
  PeerStore<Object, Object> open(Contender contender, Path dir, long capacity) throws IOException {
    return contender.open(keyColumn(), valueColumn(), dir, capacity);
  }
}
