package dev.stablestructures.btreemap;

import dev.stablestructures.codec.Bound;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.OrderedLongCodec;
import dev.stablestructures.memory.ByteArrays;
import java.util.Arrays;

/**
 * How the tree compares keys, decided once from the key codec: the one place that knows which keys
 * are searched as primitive longs.
 *
 * <ul>
 *   <li>{@link Kind#LONG}: every key is exactly 8 bytes (the bound is fixed at 8) whose big-endian
 *       unsigned order is the codec's order: an {@link OrderedLongCodec} ({@code u64}, {@code
 *       i64}), or any byte-ordered codec of that bound. Nodes are scanned as longs, and such trees
 *       cache internal nodes ({@link InternalNodeCache}). An {@code OrderedLongCodec} also gives
 *       the probe without encoding the key.
 *   <li>{@link Kind#BYTES}: the codec orders keys as their unsigned bytes; comparisons run on the
 *       stored bytes.
 *   <li>{@link Kind#CODEC}: any other order; stored keys are decoded and compared by the codec.
 * </ul>
 *
 * @param <K> key type
 */
final class KeyOrder<K> {
  /** The three ways keys are compared. */
  enum Kind {
    LONG,
    BYTES,
    CODEC
  }

  private final Codec<K> codec;
  private final Kind kind;
  private final OrderedLongCodec<K> longCodec;

  private KeyOrder(Codec<K> codec, Kind kind, OrderedLongCodec<K> longCodec) {
    this.codec = codec;
    this.kind = kind;
    this.longCodec = longCodec;
  }

  /** Chooses the comparison for a key codec. */
  static <K> KeyOrder<K> of(Codec<K> codec) {
    Bound bound = codec.bound();
    boolean eightBytes = bound.isBounded() && bound.isFixedSize() && bound.maxSize() == 8;
    if (eightBytes && codec instanceof OrderedLongCodec<K> longs) {
      return new KeyOrder<>(codec, Kind.LONG, longs);
    }
    if (eightBytes && codec.isByteOrdered()) {
      return new KeyOrder<>(codec, Kind.LONG, null);
    }
    return new KeyOrder<>(codec, codec.isByteOrdered() ? Kind.BYTES : Kind.CODEC, null);
  }

  Kind kind() {
    return kind;
  }

  /** Whether keys are searched as longs (and internal nodes may be cached). */
  boolean searchesLongs() {
    return kind == Kind.LONG;
  }

  /** The codec, when it gives a key's long without encoding it; else null. */
  OrderedLongCodec<K> longCodec() {
    return longCodec;
  }

  /**
   * Searches the cursor's node: index if found, else -(insertion point) - 1. A probe of a
   * long-keyed tree that is not 8 bytes long cannot be stored; it is searched by its bytes.
   */
  int search(Cursor cursor, K key, byte[] encoded) {
    return switch (kind) {
      case LONG ->
          encoded.length == 8
              ? cursor.searchLong(ByteArrays.getLongBE(encoded, 0))
              : cursor.searchBytes(encoded);
      case BYTES -> cursor.searchBytes(encoded);
      case CODEC -> cursor.searchDecoded(codec, key);
    };
  }

  /** Binary search of a loaded node; result as {@link #search(Cursor, Object, byte[])}. */
  int search(Node node, K key, byte[] encoded) {
    int low = 0;
    int high = node.count - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = compare(node.keys[mid], key, encoded);
      if (c < 0) {
        low = mid + 1;
      } else if (c > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  /** Compares a stored key with a probe given both decoded and encoded. */
  int compare(byte[] stored, K key, byte[] encoded) {
    return kind == Kind.CODEC
        ? codec.compare(codec.decode(stored), key)
        : Arrays.compareUnsigned(stored, encoded);
  }

  /** Compares two stored keys. */
  int compareStored(byte[] a, byte[] b) {
    return kind == Kind.CODEC
        ? codec.compare(codec.decode(a), codec.decode(b))
        : Arrays.compareUnsigned(a, b);
  }
}
