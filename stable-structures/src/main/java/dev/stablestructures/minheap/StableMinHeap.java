package dev.stablestructures.minheap;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.BoundExceededException;
import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.DecodeException;
import dev.stablestructures.GrowFailedException;
import dev.stablestructures.IncompatibleLayoutException;
import dev.stablestructures.StructureMagic;
import dev.stablestructures.UnsupportedVersionException;
import dev.stablestructures.VerifyReport;
import dev.stablestructures.basevec.BaseVec;
import dev.stablestructures.basevec.BaseVecVerifier;
import dev.stablestructures.basevec.OperationBracket;
import dev.stablestructures.basevec.SlotArrayStructure;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.I64Codec;
import dev.stablestructures.codec.U64Codec;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import java.util.AbstractQueue;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A binary min-heap in stable memory, byte-compatible with the crate's {@code MinHeap<T, M>}, and a
 * {@link java.util.Queue} over it: {@link #poll()} and {@link #peek()} give the smallest item in
 * the codec's order ({@link Codec#compare}).
 *
 * <p>Layout: {@link BaseVec}'s slot array, with magic {@code "SMH"} (53 4D 48), version 1; element
 * {@code i} is the heap's array entry {@code i}, whose children are {@code 2i + 1} and {@code 2i +
 * 2}.
 *
 * <p><b>Same bytes as the crate.</b> Slots of elements that are not fixed-size keep stale bytes
 * past their length, so the image depends on every slot write, not just on the final order. This
 * class makes the crate's writes in the crate's order: {@code push} appends the item, then bubbles
 * it up (each larger parent copied one level down, the item written once at its final place, and
 * only if it moved); {@code pop} of two or more items reads entry 0, pops the last entry, writes it
 * to entry 0 and bubbles it down (taking the left child if it is strictly less than the right, else
 * the right, and moving only while that child is strictly less). Items are compared decoded, with
 * the codec's order; the crate uses the Rust type's {@code partial_cmp}, the same order for every
 * type with {@code Ord}. The exception is {@code f32}/{@code f64}: their codecs order by {@link
 * Float#compare}/{@link Double#compare} (a total order), while Rust finds {@code NaN} incomparable
 * and {@code -0.0 == 0.0}, so a heap holding those may be arranged differently from the crate's.
 *
 * <p><b>Failures.</b> Every mutation reads and decodes all it needs, encodes and checks every value
 * it will write, and grows memory to the last byte it will write, before it writes anything: a
 * {@link BoundExceededException}, a {@link GrowFailedException} (only {@code push} and {@code
 * offer} grow memory), or a damaged element that fails to decode ({@link DecodeException}, {@link
 * CorruptedStructureException}) leaves the image and the heap unchanged. Beyond that, the slot
 * writes of each call are one step of the memory's journal ({@link BaseVec#bracket()}): an I/O
 * error part-way through them rolls them back, a crash is undone at reopening (by a file memory's
 * journal), and inside a user's transaction a failed call rolls back alone. After any rollback the
 * heap reloads its length and its open iterators fail fast.
 *
 * <p><b>As a Queue.</b> {@code null} is refused ({@link NullPointerException}). {@link #size()}
 * saturates at {@code Integer.MAX_VALUE}; {@link #longSize()} gives the true count. Iteration is in
 * array order (not sorted), fail-fast, and supports {@link Iterator#remove()} as {@link
 * java.util.PriorityQueue}'s does: the heap invariant is kept, and every item is still visited
 * exactly once. So {@link #remove(Object)}, {@code removeIf}, {@code removeAll} and {@code
 * retainAll} work too (they use {@code equals}, as every {@code Collection} does, so items whose
 * type has identity equality, such as {@code byte[]}, are never found by them). Removal from the
 * middle is this library's extension: the crate has none, so its write order is ours alone.
 *
 * <p><b>Primitive path.</b> Heaps of {@link U64Codec} (ordered unsigned, as the crate's {@code
 * u64}) or {@link I64Codec} (signed) have {@link #pushLong}, {@link #popLong} and {@link
 * #peekLong}, which neither box nor allocate and write the same bytes as the boxed methods.
 *
 * <p>Not thread-safe, like the memory under it. Open one instance per memory: changes through
 * another instance are not seen by this one's iterators or cached length.
 *
 * @param <T> the item type; its codec must be bounded
 */
public final class StableMinHeap<T> extends AbstractQueue<T> implements SlotArrayStructure<T> {
  /** The magic at offset 0. */
  public static final StructureMagic MAGIC = StructureMagic.MIN_HEAP;

  private static final String KIND = "StableMinHeap";

  private final BaseVec<T> base;
  private final Codec<T> codec;
  private final int prefix;

  /** Whether the codec is {@code u64} or {@code i64}: the primitive methods need it. */
  private final boolean longs;

  /** A long item XOR its stored bits: 0 for u64, the sign bit for i64 (unused for other codecs). */
  private final long flip;

  /** Counts structural changes, for the fail-fast iterators. */
  private int modCount;

  /** One journal step around each operation's slot writes. */
  private final OperationBracket bracket;

  private StableMinHeap(BaseVec<T> base) {
    this.base = base;
    this.codec = base.codec();
    this.prefix = BaseVec.prefixSize(codec.bound());
    this.longs = codec == U64Codec.INSTANCE || codec == I64Codec.INSTANCE;
    this.flip = codec == I64Codec.INSTANCE ? Long.MIN_VALUE : 0;
    this.bracket = base.bracket();
    base.onRollback(() -> modCount++); // the length was reloaded: iterators fail fast
  }

  /**
   * Opens the heap in {@code memory}, or creates an empty one if the memory is empty (0 pages), as
   * the crate's {@code init}.
   *
   * @param memory the memory the heap owns
   * @param codec the item codec, which must be bounded
   * @param <T> the item type
   * @return the heap
   * @throws IllegalArgumentException if the codec is unbounded
   * @throws BadMagicException if the memory holds something else (named in the message); it is
   *     untouched
   * @throws UnsupportedVersionException if the layout version is not 1
   * @throws IncompatibleLayoutException if the stored item bound differs from the codec's
   * @throws CorruptedStructureException if the stored length does not fit the memory
   * @throws GrowFailedException if a new heap's header does not fit and memory cannot grow
   */
  public static <T> StableMinHeap<T> init(Memory memory, Codec<T> codec) {
    return new StableMinHeap<>(BaseVec.init(memory, codec, MAGIC, KIND));
  }

  /**
   * Creates an empty heap, overwriting the header of whatever the memory held, as the crate's
   * {@code new}.
   *
   * @param memory the memory the heap owns
   * @param codec the item codec, which must be bounded
   * @param <T> the item type
   * @return the heap
   * @throws IllegalArgumentException if the codec is unbounded
   * @throws GrowFailedException if memory cannot grow to one page; nothing is written
   */
  public static <T> StableMinHeap<T> create(Memory memory, Codec<T> codec) {
    return new StableMinHeap<>(BaseVec.create(memory, codec, MAGIC, KIND));
  }

  /**
   * Opens an existing heap; never writes.
   *
   * @param memory the memory holding the heap
   * @param codec the item codec, which must be bounded
   * @param <T> the item type
   * @return the heap
   * @throws IllegalArgumentException if the codec is unbounded
   * @throws BadMagicException if the memory is empty or holds something else
   * @throws UnsupportedVersionException if the layout version is not 1
   * @throws IncompatibleLayoutException if the stored item bound differs from the codec's
   * @throws CorruptedStructureException if the stored length does not fit the memory
   */
  public static <T> StableMinHeap<T> load(Memory memory, Codec<T> codec) {
    return new StableMinHeap<>(BaseVec.load(memory, codec, MAGIC, KIND));
  }

  @Override
  public long len() {
    return base.len();
  }

  /**
   * Returns the number of items, or {@code Integer.MAX_VALUE} if there are more.
   *
   * @return {@code min(longSize(), Integer.MAX_VALUE)}
   */
  @Override
  public int size() {
    return (int) Math.min(base.len(), Integer.MAX_VALUE);
  }

  /**
   * Adds an item, as the crate's {@code push}.
   *
   * @param item the item, not null
   * @throws NullPointerException if {@code item} is null
   * @throws BoundExceededException if the item breaks the bound; nothing is written
   * @throws GrowFailedException if memory cannot grow; nothing is written
   * @throws DecodeException if a stored item on the way up does not decode; nothing is written
   * @throws CorruptedStructureException if a stored item on the way up is damaged; nothing is
   *     written
   */
  public void push(T item) {
    Objects.requireNonNull(item, "a StableMinHeap does not store null");
    byte[] itemBytes = codec.encodeChecked(item);
    long step = bracket.begin(); // before the reads the writes depend on
    try {
      long n = base.len();
      Plan<T> plan = new Plan<>();
      long at = siftUp(n, item, plan);
      if (at != n) {
        plan.add(at, item, itemBytes);
      }
      plan.encodeAll(codec);
      // The new slot receives the item and then, if the item moved up, its old parent: the only
      // write that can reach past the end of memory. Grow once for both, as far as the crate
      // would.
      int longest = Math.max(itemBytes.length, plan.size > 0 ? plan.bytes[0].length : 0);
      Memories.ensureCapacity(base.memory(), base.slotOffset(n) + prefix + longest);
      base.pushEncoded(itemBytes);
      plan.apply(base);
      bracket.commit(step);
    } finally {
      bracket.end(step);
    }
    modCount++;
  }

  /**
   * Adds an item; same as {@link #push}.
   *
   * @param item the item, not null
   * @return true
   * @throws NullPointerException if {@code item} is null
   * @throws BoundExceededException if the item breaks the bound; nothing is written
   * @throws GrowFailedException if memory cannot grow; nothing is written
   */
  @Override
  public boolean offer(T item) {
    push(item);
    return true;
  }

  /**
   * Removes and returns the smallest item, as the crate's {@code pop}.
   *
   * @return the smallest item, or null if the heap is empty
   * @throws DecodeException if a stored item the pop reads does not decode; nothing is written
   * @throws CorruptedStructureException if a stored item the pop reads is damaged; nothing is
   *     written
   * @throws BoundExceededException if a stored item re-encodes past the bound; nothing is written
   */
  public T pop() {
    T smallest;
    long step = bracket.begin(); // before the reads the writes depend on
    try {
      smallest = popInStep();
      bracket.commit(step);
    } finally {
      bracket.end(step);
    }
    if (smallest != null) {
      modCount++;
    }
    return smallest;
  }

  private T popInStep() {
    long n = base.len();
    if (n <= 1) {
      return base.pop();
    }
    T smallest = base.get(0);
    T last = base.get(n - 1);
    byte[] lastBytes = codec.encodeChecked(last);
    Plan<T> plan = new Plan<>();
    plan.add(0, last, lastBytes);
    long at = siftDown(0, n - 1, last, plan);
    if (at != 0) {
      plan.add(at, last, lastBytes);
    }
    plan.encodeAll(codec);
    base.truncate(n - 1);
    plan.apply(base);
    return smallest;
  }

  /**
   * Removes and returns the smallest item; same as {@link #pop}.
   *
   * @return the smallest item, or null if the heap is empty
   */
  @Override
  public T poll() {
    return pop();
  }

  /**
   * Returns the smallest item without removing it, as the crate's {@code peek}.
   *
   * @return the smallest item, or null if the heap is empty
   */
  @Override
  public T peek() {
    return base.len() == 0 ? null : base.get(0);
  }

  /** Removes every item; only the stored length changes, as in the crate. */
  @Override
  public void clear() {
    base.clear();
    modCount++;
  }

  /**
   * Returns an iterator over the items in array (heap) order, not sorted. It is fail-fast and
   * supports {@link Iterator#remove()}, which keeps the heap invariant and still visits every
   * remaining item exactly once (an item moved above the cursor by a removal is visited at the end,
   * as in {@link java.util.PriorityQueue}).
   *
   * @return the iterator
   */
  @Override
  public Iterator<T> iterator() {
    return new Itr();
  }

  /**
   * Adds an item to a {@code u64} or {@code i64} heap without boxing or allocating.
   *
   * @param item the item (read as unsigned for {@code u64})
   * @throws IllegalStateException if the codec is neither {@link U64Codec} nor {@link I64Codec}
   * @throws GrowFailedException if memory cannot grow; nothing is written
   */
  public void pushLong(long item) {
    requireLongs();
    long bits = item ^ flip;
    long step = bracket.begin();
    try {
      LongSift.up(base, base.len(), bits);
      bracket.commit(step);
    } finally {
      bracket.end(step);
    }
    modCount++;
  }

  /**
   * Removes and returns the smallest item of a {@code u64} or {@code i64} heap without boxing or
   * allocating.
   *
   * @return the smallest item (unsigned for {@code u64})
   * @throws IllegalStateException if the codec is neither {@link U64Codec} nor {@link I64Codec}
   * @throws NoSuchElementException if the heap is empty (a {@code long} has no null)
   */
  public long popLong() {
    requireLongs();
    long smallest;
    long step = bracket.begin(); // before the reads the writes depend on
    try {
      long n = base.len();
      if (n == 0) {
        throw new NoSuchElementException("the StableMinHeap is empty");
      }
      smallest = base.getNumber(0, Long.BYTES);
      LongSift.down(base, n);
      bracket.commit(step);
    } finally {
      bracket.end(step);
    }
    modCount++;
    return smallest ^ flip;
  }

  /**
   * Returns the smallest item of a {@code u64} or {@code i64} heap without boxing.
   *
   * @return the smallest item (unsigned for {@code u64})
   * @throws IllegalStateException if the codec is neither {@link U64Codec} nor {@link I64Codec}
   * @throws NoSuchElementException if the heap is empty
   */
  public long peekLong() {
    requireLongs();
    if (base.len() == 0) {
      throw new NoSuchElementException("the StableMinHeap is empty");
    }
    return base.getNumber(0, Long.BYTES) ^ flip;
  }

  private void requireLongs() {
    if (!longs) {
      throw new IllegalStateException(
          "primitive long access needs the u64 or i64 codec, but this StableMinHeap uses " + codec);
    }
  }

  /**
   * Walks the stored image and reports any damage; never writes, and may run while other threads
   * only read. Checks the header (magic, version, the stored element bound equal to the codec's),
   * the stored length against the heap copy and against what the memory holds, every element within
   * its bound and decodable, and every item at least its parent ({@code (i - 1) / 2}) in the
   * codec's order. A length too large for the memory is reported without reading any element, so a
   * damaged image cannot make it loop or allocate without bound. Findings carry the offset of the
   * header field or of the element's slot.
   *
   * @return the report; {@link VerifyReport#assertOk()} throws if it has findings
   */
  @Override
  public VerifyReport verify() {
    return BaseVecVerifier.verify(base, true);
  }

  @Override
  public Memory memory() {
    return base.memory();
  }

  @Override
  public Codec<T> codec() {
    return codec;
  }

  /**
   * Plans the crate's {@code bubble_up} of {@code item} from index {@code start}: records each
   * parent that moves down one level, reading (never writing) the stored items.
   *
   * @return the index where the item belongs
   */
  private long siftUp(long start, T item, Plan<T> plan) {
    long i = start;
    while (i > 0) {
      long p = (i - 1) >>> 1;
      T parent = base.get(p);
      if (codec.compare(item, parent) >= 0) {
        break;
      }
      plan.add(i, parent, null);
      i = p;
    }
    return i;
  }

  /**
   * Plans the crate's {@code bubble_down} of {@code item} from index {@code start} in a heap of
   * {@code size} entries: records each child that moves up one level, reading only.
   *
   * @return the index where the item belongs
   */
  private long siftDown(long start, long size, T item, Plan<T> plan) {
    long i = start;
    while (true) {
      long l = 2 * i + 1;
      if (l >= size) {
        break;
      }
      T child = base.get(l);
      long c = l;
      if (l + 1 < size) {
        T right = base.get(l + 1);
        if (codec.compare(child, right) >= 0) { // the crate: is_less(left, right) ? left : right
          child = right;
          c = l + 1;
        }
      }
      if (codec.compare(child, item) >= 0) {
        break;
      }
      plan.add(i, child, null);
      i = c;
    }
    return i;
  }

  /**
   * Removes the entry at {@code index} (the iterator's removal): the last entry takes its place and
   * sifts down, or else up. Reads, decodes and encodes everything first, as push and pop do.
   *
   * @return the moved last entry if it ended above {@code index} (before the iterator's cursor),
   *     else null
   */
  private T removeAt(long index) {
    T result;
    long step = bracket.begin(); // before the reads the writes depend on
    try {
      result = removeInStep(index);
      bracket.commit(step);
    } finally {
      bracket.end(step);
    }
    modCount++;
    return result;
  }

  private T removeInStep(long index) {
    long last = base.len() - 1;
    if (index == last) {
      base.truncate(last);
      return null;
    }
    T moved = base.get(last);
    byte[] movedBytes = codec.encodeChecked(moved);
    Plan<T> plan = new Plan<>();
    long at = siftDown(index, last, moved, plan);
    if (at == index) {
      at = siftUp(index, moved, plan);
    }
    plan.add(at, moved, movedBytes);
    plan.encodeAll(codec);
    base.truncate(last);
    plan.apply(base);
    return at < index ? moved : null;
  }

  /** Removes one entry whose encoding is {@code encoded}, searching in array order. */
  private void removeEncoded(byte[] encoded) {
    for (long i = 0, n = base.len(); i < n; i++) {
      if (Arrays.equals(codec.encode(base.get(i)), encoded)) {
        removeAt(i);
        return;
      }
    }
    throw new ConcurrentModificationException(
        "an item the iterator returned is no longer in the StableMinHeap");
  }

  /**
   * The slot writes of one mutation, in the crate's order, with each value's encoding: built while
   * reading, applied only once everything has been decoded and encoded.
   */
  private static final class Plan<T> {
    private long[] index = new long[8];
    private Object[] values = new Object[8];
    private byte[][] bytes = new byte[8][];
    private int size;

    void add(long at, T value, byte[] encoded) {
      if (size == index.length) {
        index = Arrays.copyOf(index, size * 2);
        values = Arrays.copyOf(values, size * 2);
        bytes = Arrays.copyOf(bytes, size * 2);
      }
      index[size] = at;
      values[size] = value;
      bytes[size] = encoded;
      size++;
    }

    @SuppressWarnings("unchecked")
    void encodeAll(Codec<T> codec) {
      for (int k = 0; k < size; k++) {
        if (bytes[k] == null) {
          bytes[k] = codec.encodeChecked((T) values[k]);
        }
      }
    }

    void apply(BaseVec<T> base) {
      for (int k = 0; k < size; k++) {
        base.setEncoded(index[k], bytes[k]);
      }
    }
  }

  /** Array order, fail-fast, with removal as {@link java.util.PriorityQueue}'s iterator. */
  private final class Itr implements Iterator<T> {
    private long cursor;
    private long lastRet = -1;
    private int expectedModCount = modCount;

    /** Items moved from the end to above the cursor by a removal: visited after the array. */
    private ArrayDeque<T> forgetMeNot;

    /** The last item returned from {@link #forgetMeNot}, for {@link #remove()}. */
    private T lastRetElt;

    @Override
    public boolean hasNext() {
      return cursor < base.len() || (forgetMeNot != null && !forgetMeNot.isEmpty());
    }

    @Override
    public T next() {
      checkForComodification();
      if (cursor < base.len()) {
        T item = base.get(cursor);
        lastRet = cursor++;
        return item;
      }
      if (forgetMeNot != null) {
        lastRet = -1;
        lastRetElt = forgetMeNot.poll();
        if (lastRetElt != null) {
          return lastRetElt;
        }
      }
      throw new NoSuchElementException("the iterator has visited every item");
    }

    @Override
    public void remove() {
      checkForComodification();
      if (lastRet != -1) {
        T moved = removeAt(lastRet);
        lastRet = -1;
        if (moved == null) {
          cursor--; // the entry at lastRet is new to this iterator
        } else {
          if (forgetMeNot == null) {
            forgetMeNot = new ArrayDeque<>();
          }
          forgetMeNot.add(moved);
        }
      } else if (lastRetElt != null) {
        removeEncoded(codec.encode(lastRetElt));
        lastRetElt = null;
      } else {
        throw new IllegalStateException("next() has not returned an item since the last remove");
      }
      expectedModCount = modCount;
    }

    private void checkForComodification() {
      if (modCount != expectedModCount) {
        throw new ConcurrentModificationException("the StableMinHeap changed during iteration");
      }
    }
  }
}
