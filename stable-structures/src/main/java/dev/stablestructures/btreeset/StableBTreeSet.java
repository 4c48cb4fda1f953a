package dev.stablestructures.btreeset;

import dev.stablestructures.btreemap.BTreeStats;
import dev.stablestructures.btreemap.KeySetView;
import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.codec.Unit;
import dev.stablestructures.memory.Memory;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A sorted set stored in a {@link Memory}, byte-identical to the crate's {@code BTreeSet<K, M>}: a
 * {@link StableBTreeMap} whose values are {@code ()} ({@link Unit}, zero bytes). It is a full
 * {@link NavigableSet}: every view is live and writable (adding through a view checks its range),
 * iterators support {@code remove()} and fail fast on a change made elsewhere. Elements are ordered
 * by the key codec (the crate's {@code Ord}), never null.
 *
 * <p>Layout: exactly the map's (see {@link StableBTreeMap}), with value size 0:
 *
 * <pre>
 * offset size  field
 * ------ ----  ---------------------------------------------------------------
 *      0    3  magic "BTR"
 *      3    1  layout version: 1 or 2
 *      4    4  V1: max key size | V2: page size          (u32 LE)
 *      8    4  V1: 0 (max value size of ()) | V2: FF FF FF FF
 *     12    8  root node address, 0 when empty            (u64 LE)
 *     20    8  number of elements                         (u64 LE)
 *     28   24  reserved, zero
 *     52   48  allocator header "BTA", then chunks and nodes
 * </pre>
 *
 * <p>Beyond {@code NavigableSet}, it has the crate's streaming set algebra ({@link #union}, {@link
 * #intersection}, {@link #symmetricDifference}, plus {@link #difference}, which the crate lacks)
 * and tests ({@link #isSubset}, {@link #isSuperset}, {@link #isDisjoint}): merge walks over two
 * sorted iterators that never materialize either set. Both sets must order by the same codec.
 *
 * <p>Not thread-safe; open one set per memory at a time.
 *
 * @param <K> element type
 */
public final class StableBTreeSet<K> extends KeySetView<K, Unit> {
  private final StableBTreeMap<K, Unit> map;

  /** The set is the map's key set, adding {@code ()} under each new element. */
  private StableBTreeSet(StableBTreeMap<K, Unit> map) {
    super(Objects.requireNonNull(map, "map"), Unit.INSTANCE);
    this.map = map;
  }

  /**
   * Opens the set stored in {@code memory}, or creates an empty one if the memory is empty (the
   * crate's {@code init}); a memory holding something else is never overwritten.
   *
   * @param memory the memory
   * @param keyCodec encodes and orders the elements
   * @param <K> element type
   * @return the set
   * @throws dev.stablestructures.BadMagicException if the memory holds something other than a
   *     B-tree
   * @throws dev.stablestructures.FormatException if the stored set cannot be opened with this
   *     codec, or is damaged
   */
  public static <K> StableBTreeSet<K> init(Memory memory, Codec<K> keyCodec) {
    return new StableBTreeSet<>(StableBTreeMap.init(memory, keyCodec, Codecs.unit()));
  }

  /**
   * Creates a new, empty set, overwriting whatever the memory held (the crate's {@code new}).
   *
   * @param memory the memory
   * @param keyCodec encodes and orders the elements
   * @param <K> element type
   * @return the empty set
   */
  public static <K> StableBTreeSet<K> create(Memory memory, Codec<K> keyCodec) {
    return new StableBTreeSet<>(StableBTreeMap.create(memory, keyCodec, Codecs.unit()));
  }

  /**
   * Opens the set stored in {@code memory} (the crate's {@code load}).
   *
   * @param memory the memory
   * @param keyCodec encodes and orders the elements; must be the codec the set was written with
   * @param <K> element type
   * @return the set
   * @throws dev.stablestructures.BadMagicException if the memory holds no B-tree
   * @throws dev.stablestructures.FormatException if the stored set cannot be opened with this
   *     codec, or is damaged
   */
  public static <K> StableBTreeSet<K> load(Memory memory, Codec<K> keyCodec) {
    return new StableBTreeSet<>(StableBTreeMap.load(memory, keyCodec, Codecs.unit()));
  }

  /**
   * Views a map to {@code ()} as a set (they share bytes: a set is such a map).
   *
   * @param map the map; the set is live over it
   * @param <K> element type
   * @return the set
   */
  public static <K> StableBTreeSet<K> over(StableBTreeMap<K, Unit> map) {
    return new StableBTreeSet<>(map);
  }

  /**
   * Measures the set's memory use; see {@link StableBTreeMap#stats()}.
   *
   * @return a snapshot of the set's memory use
   */
  public BTreeStats stats() {
    return map.stats();
  }

  /**
   * Walks the stored image and reports any damage, as {@link StableBTreeMap#verify()} (a set is
   * such a map, so the report names it {@code StableBTreeMap}); never writes.
   *
   * @return the report
   */
  public dev.stablestructures.VerifyReport verify() {
    return map.verify();
  }

  /**
   * Returns the map to {@code ()} this set is.
   *
   * @return the underlying map (live)
   */
  public StableBTreeMap<K, Unit> asMap() {
    return map;
  }

  /**
   * Returns the codec that orders and encodes the elements.
   *
   * @return the key codec
   */
  public Codec<K> keyCodec() {
    return map.keyCodec();
  }

  /**
   * Returns the memory the set lives in.
   *
   * @return the memory
   */
  public Memory memory() {
    return map.memory();
  }

  /**
   * Counts the elements, without the {@code int} limit of {@link #size()}.
   *
   * @return the number of elements
   */
  public long longSize() {
    return map.longSize();
  }

  /**
   * Empties the set in O(1), as the crate's {@code clear}: memory is kept, not zeroed. {@link
   * #clear()} does the same.
   */
  public void clearNew() {
    map.clearNew();
  }

  /**
   * Iterates the elements of a range in ascending order, as the crate's {@code range}; an inverted
   * range is empty, not an error. Supports {@code remove()}; fails fast.
   *
   * @param from the lower bound, or null for none
   * @param fromInclusive whether {@code from} is included
   * @param to the upper bound, or null for none
   * @param toInclusive whether {@code to} is included
   * @return the iterator
   */
  public Iterator<K> range(K from, boolean fromInclusive, K to, boolean toInclusive) {
    Iterator<Map.Entry<K, Unit>> entries = map.range(from, fromInclusive, to, toInclusive);
    return new Iterator<K>() {
      @Override
      public boolean hasNext() {
        return entries.hasNext();
      }

      @Override
      public K next() {
        return entries.next().getKey();
      }

      @Override
      public void remove() {
        entries.remove();
      }
    };
  }

  // ---- streaming set algebra ----

  /**
   * The elements in either set, ascending, each once: a lazy merge walk, as the crate's {@code
   * union}.
   *
   * @param other the other set (same codec)
   * @return the iterator (fails fast if either set changes)
   */
  public Iterator<K> union(StableBTreeSet<K> other) {
    return new Merge<>(iterator(), other.iterator(), keyCodec(), Walk.UNION);
  }

  /**
   * The elements in both sets, ascending, as the crate's {@code intersection}.
   *
   * @param other the other set (same codec)
   * @return the iterator (fails fast if either set changes)
   */
  public Iterator<K> intersection(StableBTreeSet<K> other) {
    return new Merge<>(iterator(), other.iterator(), keyCodec(), Walk.INTERSECTION);
  }

  /**
   * The elements in this set but not in {@code other}, ascending. The crate has no {@code
   * difference}; this is the same merge walk.
   *
   * @param other the other set (same codec)
   * @return the iterator (fails fast if either set changes)
   */
  public Iterator<K> difference(StableBTreeSet<K> other) {
    return new Merge<>(iterator(), other.iterator(), keyCodec(), Walk.DIFFERENCE);
  }

  /**
   * The elements in exactly one of the sets, ascending, as the crate's {@code
   * symmetric_difference}.
   *
   * @param other the other set (same codec)
   * @return the iterator (fails fast if either set changes)
   */
  public Iterator<K> symmetricDifference(StableBTreeSet<K> other) {
    return new Merge<>(iterator(), other.iterator(), keyCodec(), Walk.SYMMETRIC);
  }

  /**
   * Tells whether every element of this set is in {@code other}, in one merge walk.
   *
   * @param other the other set (same codec)
   * @return true if this set is a subset of {@code other}
   */
  public boolean isSubset(StableBTreeSet<K> other) {
    if (longSize() > other.longSize()) {
      return false;
    }
    Codec<K> codec = keyCodec();
    Iterator<K> b = other.iterator();
    for (Iterator<K> a = iterator(); a.hasNext(); ) {
      K x = a.next();
      int c = -1;
      while (b.hasNext()) {
        c = codec.compare(b.next(), x);
        if (c >= 0) {
          break;
        }
      }
      if (c != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Tells whether every element of {@code other} is in this set.
   *
   * @param other the other set (same codec)
   * @return true if this set is a superset of {@code other}
   */
  public boolean isSuperset(StableBTreeSet<K> other) {
    return other.isSubset(this);
  }

  /**
   * Tells whether the sets share no element, in one merge walk that stops at the first common one.
   *
   * @param other the other set (same codec)
   * @return true if the intersection is empty
   */
  public boolean isDisjoint(StableBTreeSet<K> other) {
    return !intersection(other).hasNext();
  }

  /**
   * Which elements a merge walk yields: those only in the first set, only in the second, in both.
   */
  private record Walk(boolean onlyFirst, boolean onlySecond, boolean inBoth) {
    static final Walk UNION = new Walk(true, true, true);
    static final Walk INTERSECTION = new Walk(false, false, true);
    static final Walk DIFFERENCE = new Walk(true, false, false);
    static final Walk SYMMETRIC = new Walk(true, true, false);
  }

  /** A merge walk over two ascending iterators in the same order. */
  private static final class Merge<K> implements Iterator<K> {
    private final Iterator<K> a;
    private final Iterator<K> b;
    private final Comparator<? super K> order;
    private final Walk walk;
    private boolean started;
    private K headA;
    private K headB;
    private K next;

    Merge(Iterator<K> a, Iterator<K> b, Comparator<? super K> order, Walk walk) {
      this.a = a;
      this.b = b;
      this.order = order;
      this.walk = walk;
    }

    private static <K> K pull(Iterator<K> it) {
      return it.hasNext() ? it.next() : null;
    }

    private K advance() {
      if (!started) {
        started = true;
        headA = pull(a);
        headB = pull(b);
      }
      while (true) {
        // Stop once what is left can only be elements this walk does not yield.
        if ((headA == null && (headB == null || !walk.onlySecond()))
            || (headB == null && !walk.onlyFirst())) {
          return null;
        }
        int c = headA == null ? 1 : headB == null ? -1 : order.compare(headA, headB);
        K k;
        boolean yield;
        if (c < 0) {
          k = headA;
          headA = pull(a);
          yield = walk.onlyFirst();
        } else if (c > 0) {
          k = headB;
          headB = pull(b);
          yield = walk.onlySecond();
        } else {
          k = headA;
          headA = pull(a);
          headB = pull(b);
          yield = walk.inBoth();
        }
        if (yield) {
          return k;
        }
      }
    }

    @Override
    public boolean hasNext() {
      if (next == null) {
        next = advance();
      }
      return next != null;
    }

    @Override
    public K next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      K k = next;
      next = null;
      return k;
    }
  }
}
