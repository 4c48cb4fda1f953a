package dev.stablestructures.benchmarks.peers;

import dev.stablestructures.codec.Codec;
import java.nio.ByteBuffer;
import java.util.Comparator;
import org.h2.mvstore.type.DataType;
import org.mapdb.serializer.GroupSerializer;

/**
 * One key or value type of a workload, and how each contender stores it: the one place that knows
 * every store's serializer for a Java type, so each adapter is written once for all workloads.
 *
 * <p>Every instance is made from a number ({@link #make}) and gives the number back ({@link
 * #number}), so benchmarks check what they read and checksums agree across stores. Keys are made
 * from non-negative numbers, which makes every store's order the same: signed {@code Long} order,
 * the crate's unsigned u64 order and the bytes' unsigned lexicographic order all agree there.
 *
 * @param <T> the Java type
 */
interface ColumnType<T> {
  /** A short name for reports, e.g. {@code u64} or {@code blob32}. */
  String name();

  /** The instance made from {@code number}: deterministic, and distinct for distinct numbers. */
  T make(long number);

  /** The number {@link #make} was given. */
  long number(T value);

  /** Its encoded size in bytes in our library (the crate's encoding), for Chronicle's sizing. */
  int averageSize();

  /** The Java class, for Chronicle Map. */
  Class<T> type();

  /** Our library's codec (the crate's {@code Storable}). */
  Codec<T> codec();

  /** The order a {@code TreeMap} uses; the same order as every store's on keys this makes. */
  Comparator<T> comparator();

  /** MapDB's serializer. */
  GroupSerializer<T> mapdb();

  /** H2 MVStore's data type. */
  DataType<T> mvstore();

  /** Writes the bytes LMDB stores (the same bytes as our codec) at the buffer's position. */
  void write(ByteBuffer buffer, T value);

  /** Reads a value LMDB returned, copying it out of the map as a user must before the txn ends. */
  T read(ByteBuffer buffer);
}
