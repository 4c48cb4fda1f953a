package dev.stablestructures.cli.inspect;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.StableStructureException;
import dev.stablestructures.StructureMagic;
import dev.stablestructures.VerifyReport;
import dev.stablestructures.basevec.BaseVec;
import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.btreeset.StableBTreeSet;
import dev.stablestructures.cell.StableCell;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.log.StableLog;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.minheap.StableMinHeap;
import dev.stablestructures.vec.StableVec;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Opens the structure a memory's magic names, over bytes codecs: a B-tree with unbounded bytes (so
 * a V1 map of any slot sizes opens), a vector or heap with a blob or array codec of the bound its
 * header stores, a cell and a log with unbounded bytes. Keys (and heap items) are ordered as
 * unsigned bytes, which is the crate's order for every byte-ordered type (unsigned integers,
 * strings, blobs); another order is named with a codec ({@code --key}).
 */
final class Structures {
  private Structures() {}

  /**
   * Opens a structure.
   *
   * @param magic the magic at the start of {@code memory}
   * @param memory its memory (a log's index memory)
   * @param data a log's data memory, else null
   * @param order the codec whose order keys (and heap items) follow, or null for unsigned bytes
   * @return the opened structure
   * @throws dev.stablestructures.StableStructureException if the structure refuses to open
   */
  static Structure open(StructureMagic magic, Memory memory, Memory data, Codec<?> order) {
    return switch (magic) {
      case BTREE -> order == null ? btree(memory, KeyLayout.probe(memory)) : btree(memory, order);
      case VEC, MIN_HEAP -> new Slots(magic, memory, order);
      case CELL -> new Cell(memory);
      case LOG_INDEX -> new Log(memory, data);
      case RUNTIME_METADATA -> new RuntimeRecord(memory);
      default -> throw new IllegalArgumentException("not a structure of its own: " + magic);
    };
  }

  private static <K> Structure btree(Memory memory, Codec<K> order) {
    return new BTree<>(memory, order);
  }

  /** The bytes codec of a vector's or heap's stored bound. */
  static Codec<byte[]> slotCodec(Memory memory) {
    long max = Integer.toUnsignedLong(memory.readIntLE(BaseVec.MAX_SIZE_OFFSET));
    boolean fixed = memory.readByte(BaseVec.FIXED_OFFSET) != 0;
    if (max > Integer.MAX_VALUE) {
      throw new CorruptedStructureException(
          "max element size " + max + " at offset 12 is larger than any element can be");
    }
    return fixed ? Codecs.byteArray((int) max) : Codecs.blob((int) max);
  }

  /** A B-tree: a map, or a set once a walk found every value empty. */
  private static final class BTree<K> implements Structure {
    private final Memory memory;
    private final Codec<K> order;
    private final ValueWatch watch = new ValueWatch();
    private final StableBTreeMap<K, byte[]> raw;
    private boolean set;

    BTree(Memory memory, Codec<K> order) {
      this.memory = memory;
      this.order = order;
      this.raw = StableBTreeMap.load(memory, order, Codecs.bytes());
      // A V1 map records its value slot: 0 bytes is a set, known without a walk. A V2 tree does
      // not say: a set is recognised by the empty values of its first entries and its last.
      set = ((memory.readByte(3) & 0xFF) == 1 && memory.readIntLE(8) == 0) || looksLikeASet(raw);
    }

    /**
     * True if the tree holds entries and the first {@link KeyLayout#PROBE} and the last are empty.
     */
    private static boolean looksLikeASet(StableBTreeMap<?, byte[]> raw) {
      try {
        if (raw.longSize() == 0) {
          return false;
        }
        Iterator<? extends Map.Entry<?, byte[]>> it = raw.entrySet().iterator();
        for (int i = 0; i < KeyLayout.PROBE && it.hasNext(); i++) {
          if (it.next().getValue().length != 0) {
            return false;
          }
        }
        Map.Entry<?, byte[]> last = raw.lastEntry();
        return last != null && last.getValue().length == 0;
      } catch (StableStructureException e) {
        return false; // a damaged tree: verify reports it, labelled as the map it claims to be
      }
    }

    @Override
    public String kind() {
      return set ? "StableBTreeSet" : "StableBTreeMap";
    }

    @Override
    public boolean keyed() {
      return true;
    }

    @Override
    public boolean valued() {
      return !set;
    }

    @Override
    public VerifyReport verify() {
      VerifyReport report = StableBTreeMap.load(memory, order, watch).verify();
      if (watch.nonEmpty() > 0) {
        set = false; // a value past the probed entries: a map after all
      } else if (watch.decoded() > 0) {
        set = true;
        // Checked again as a set: the set's own verify also requires every value to be ().
        return report.isOk() ? StableBTreeSet.load(memory, order).verify() : report;
      }
      return report;
    }

    @Override
    public Iterator<RawEntry> entries() {
      Iterator<Map.Entry<K, byte[]>> it = raw.entrySet().iterator();
      return new Counted<>(it, (i, e) -> new RawEntry(i, order.encode(e.getKey()), e.getValue()));
    }

    @Override
    public long length() {
      return raw.longSize();
    }
  }

  /** A vector or a min-heap: slots of one bound. */
  private static final class Slots implements Structure {
    private final StructureMagic magic;
    private final Memory memory;
    private final Codec<?> order;
    private final StableVec<byte[]> vec;
    private final StableMinHeap<byte[]> heap;

    Slots(StructureMagic magic, Memory memory, Codec<?> order) {
      this.magic = magic;
      this.memory = memory;
      this.order = order;
      Codec<byte[]> codec = slotCodec(memory);
      this.vec = magic == StructureMagic.VEC ? StableVec.load(memory, codec) : null;
      this.heap = magic == StructureMagic.MIN_HEAP ? StableMinHeap.load(memory, codec) : null;
    }

    @Override
    public String kind() {
      return vec != null ? "StableVec" : "StableMinHeap";
    }

    @Override
    public boolean keyed() {
      return false;
    }

    @Override
    public VerifyReport verify() {
      if (heap != null && order != null) {
        return StableMinHeap.load(memory, order).verify();
      }
      return vec != null ? vec.verify() : heap.verify();
    }

    @Override
    public Iterator<RawEntry> entries() {
      Iterator<byte[]> values =
          vec != null ? new Indexed(vec.len(), i -> vec.get(i)) : heap.iterator();
      return new Counted<>(values, (i, v) -> new RawEntry(i, null, v));
    }

    @Override
    public long length() {
      return vec != null ? vec.len() : heap.len();
    }

    @Override
    public String toString() {
      return magic.magic();
    }
  }

  /** A cell: one value. */
  private static final class Cell implements Structure {
    private final StableCell<byte[]> cell;

    Cell(Memory memory) {
      this.cell = StableCell.load(memory, Codecs.bytes());
    }

    @Override
    public String kind() {
      return "StableCell";
    }

    @Override
    public boolean keyed() {
      return false;
    }

    @Override
    public VerifyReport verify() {
      return cell.verify();
    }

    @Override
    public Iterator<RawEntry> entries() {
      return List.of(new RawEntry(0, null, cell.get())).iterator();
    }

    @Override
    public long length() {
      return 1;
    }
  }

  /** A log over its index and data memories. */
  private static final class Log implements Structure {
    private final StableLog<byte[]> log;

    Log(Memory index, Memory data) {
      if (data == null) {
        throw new CorruptedStructureException(
            "a Log's index memory ('GLI') without a data memory ('GLD') in the next memory");
      }
      this.log = StableLog.load(index, data, Codecs.bytes());
    }

    @Override
    public String kind() {
      return "StableLog";
    }

    @Override
    public boolean keyed() {
      return false;
    }

    @Override
    public VerifyReport verify() {
      return log.verify();
    }

    @Override
    public Iterator<RawEntry> entries() {
      return new Counted<>(log.iterator(), (i, v) -> new RawEntry(i, null, v));
    }

    @Override
    public long length() {
      return log.len();
    }
  }

  /**
   * The canister runtime's record (memory 254, magic {@code SRT}): one entry, the record's bytes;
   * its fields are shown by {@link Headers}. Verify checks the header and that the stored length
   * covers the fixed part and the code name and lies inside the memory.
   */
  private static final class RuntimeRecord implements Structure {
    private static final String KIND = "canister runtime metadata";
    private static final int FIXED = 96;
    private final Memory memory;

    RuntimeRecord(Memory memory) {
      this.memory = memory;
    }

    @Override
    public String kind() {
      return KIND;
    }

    @Override
    public boolean keyed() {
      return false;
    }

    @Override
    public VerifyReport verify() {
      VerifyReport.Builder report = VerifyReport.builder(KIND);
      long size = memory.sizeInBytes();
      if (size < FIXED) {
        return report.finding(0, "memory size", "at least " + FIXED + " bytes", size).build();
      }
      if (!report.header(KIND, memory.readBytes(0, FIXED), StructureMagic.RUNTIME_METADATA, 1)) {
        return report.build();
      }
      long length = Integer.toUnsignedLong(memory.readIntLE(4));
      long least = FIXED + (long) memory.readShortLE(62);
      if (length < least || length > size) {
        report.finding(
            4, "record length", "from " + least + " (the code name's end) to " + size, length);
      }
      return report
          .count("declarations", Integer.toUnsignedLong(memory.readIntLE(12)))
          .count(VerifyReport.BYTES_USED, length)
          .build();
    }

    @Override
    public Iterator<RawEntry> entries() {
      long length = Integer.toUnsignedLong(memory.readIntLE(4));
      if (length > memory.sizeInBytes() || length > Integer.MAX_VALUE - 8) {
        throw new CorruptedStructureException(
            "the runtime record's length "
                + length
                + " at offset 4 is past the memory's "
                + memory.sizeInBytes()
                + " bytes");
      }
      return List.of(new RawEntry(0, null, memory.readBytes(0, (int) length))).iterator();
    }

    @Override
    public long length() {
      return 1;
    }
  }

  /** Turns an element into an entry, given its position. */
  private interface Entrify<T> {
    RawEntry apply(long index, T element);
  }

  /** Reads an element by index. */
  private interface ByIndex {
    byte[] get(long index);
  }

  /** Elements 0 to length - 1, read one at a time. */
  private static final class Indexed implements Iterator<byte[]> {
    private final long length;
    private final ByIndex get;
    private long next;

    Indexed(long length, ByIndex get) {
      this.length = length;
      this.get = get;
    }

    @Override
    public boolean hasNext() {
      return next < length;
    }

    @Override
    public byte[] next() {
      if (next >= length) {
        throw new NoSuchElementException();
      }
      return get.get(next++);
    }
  }

  /** Numbers the elements of an iterator as entries. */
  private static final class Counted<T> implements Iterator<RawEntry> {
    private final Iterator<T> it;
    private final Entrify<T> entrify;
    private long index;

    Counted(Iterator<T> it, Entrify<T> entrify) {
      this.it = it;
      this.entrify = entrify;
    }

    @Override
    public boolean hasNext() {
      return it.hasNext();
    }

    @Override
    public RawEntry next() {
      return entrify.apply(index++, it.next());
    }
  }
}
