package dev.stablestructures.manager;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.GrowFailedException;
import dev.stablestructures.StructureMagic;
import dev.stablestructures.UnsupportedVersionException;
import dev.stablestructures.memory.ByteArrays;
import dev.stablestructures.memory.Journal;
import dev.stablestructures.memory.JournaledMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.memory.RollbackListener;
import java.util.Arrays;
import java.util.Objects;

/**
 * Carves one {@link Memory} into up to 255 independent, growable {@link VirtualMemory virtual
 * memories} (ids 0 to 254), byte for byte like the Rust crate's {@code MemoryManager} (layout v1).
 *
 * <p>The real memory is cut into buckets of N pages (N = 128 unless chosen otherwise at creation).
 * A virtual memory owns a list of buckets and sees them as one contiguous address space; it grows
 * one bucket at a time. Buckets are handed out in ascending order, at most {@value #MAX_BUCKETS} of
 * them, and are never freed, even when a structure is cleared (as in the crate).
 *
 * <p>Page 0 of the real memory holds the manager's state; all integers are little-endian:
 *
 * <pre>
 * offset  size          field
 * ------  ------------  ------------------------------------------------------------
 *      0  3             magic "MGR" (4D 47 52)
 *      3  1             layout version = 1
 *      4  2  u16 LE     number of allocated buckets (only goes up)
 *      6  2  u16 LE     bucket size N in pages (default 128 = 80 00)
 *      8  32            reserved, zero
 *     40  255 x 8       size of memory i in pages, u64 LE, at 40 + 8*i, i = 0..254
 *  2,080  32,768        bucket table: byte b = id of the memory owning bucket b,
 *                       or FF if bucket b is free
 * 34,848  30,688        unused (rest of page 0)
 * 65,536  N pages each  bucket b at real bytes [65536 + b*N*65536, 65536 + (b+1)*N*65536)
 * </pre>
 *
 * <p>Virtual offset {@code o} of memory {@code m} lives in the {@code k = o / (N*65536)}-th bucket
 * that {@code m} owns (its buckets, in ascending bucket number), at {@code o mod (N*65536)} inside
 * it. On load the per-memory bucket lists are rebuilt by scanning the table in ascending order,
 * which is also the order they were allocated in.
 *
 * <p>Differences from the crate, on purpose: opening a memory that holds something else is a {@link
 * BadMagicException}, not a silent overwrite (use {@link #create} to overwrite on purpose); a grow
 * that the underlying memory refuses answers -1 and changes nothing, where the crate panics; every
 * virtual access is bounds-checked, where the crate skips the check on a bucket-cache hit.
 *
 * <p><b>Transactions.</b> Every virtual memory answers the real memory's {@link Journal}, so all
 * structures of one manager share one journal and one transaction (a real memory without a journal
 * is wrapped in a {@link JournaledMemory}, once, by the manager). A grow and a creation are each
 * one step: a grow that a structure's operation asks for is a savepoint inside that operation's
 * step, and rolls back with it. After any rollback that undid writes, the manager reads its sizes
 * and bucket table again from the image and its memories forget their cached bucket (a {@link
 * RollbackListener}, registered before any structure on its memories can register, so it runs
 * first). If the image no longer holds the manager (its creation was rolled back), every memory
 * turns empty and grows are refused.
 *
 * <p>Only one manager may work on a given memory at a time: it keeps the bucket lists and sizes in
 * the heap and writes them through.
 *
 * <p><b>Threads.</b> Reads ({@link #get}, the sizes and bucket lists, every read of a virtual
 * memory) write nothing, so any number of threads may read at once while no thread writes or grows.
 * A grow changes the shared bucket table, so writes to any of the manager's memories must not run
 * beside each other or beside reads: use the store's lock ({@code
 * dev.stablestructures.tx.StoreLock}) for mixed use.
 */
public final class MemoryManager {
  /** The layout version this class reads and writes. */
  public static final int LAYOUT_VERSION = 1;

  /** The number of virtual memories, ids 0 to {@link #MAX_MEMORY_ID}. */
  public static final int MAX_MEMORIES = 255;

  /** The largest memory id; 255 is the table's "free bucket" marker. */
  public static final int MAX_MEMORY_ID = MAX_MEMORIES - 1;

  /** The most buckets a manager hands out, in total over all memories. */
  public static final int MAX_BUCKETS = 32_768;

  /** The crate's default bucket size, in pages (8 MiB buckets). */
  public static final int DEFAULT_BUCKET_SIZE_PAGES = 128;

  /** The largest bucket size the u16 header field can hold, in pages. */
  public static final int MAX_BUCKET_SIZE_PAGES = 0xFFFF;

  /** Bytes of the header before the bucket table: magic to the last memory size. */
  public static final int HEADER_SIZE = 2_080;

  /** Offset of the bucket table in page 0. */
  public static final int BUCKET_TABLE_OFFSET = HEADER_SIZE;

  /** The bucket-table byte that marks a free bucket. */
  public static final int FREE_BUCKET = 0xFF;

  /** Offset of the number of allocated buckets, u16 LE. */
  public static final int ALLOCATED_BUCKETS_OFFSET = 4;

  /** Offset of the bucket size in pages, u16 LE. */
  public static final int BUCKET_SIZE_OFFSET = 6;

  /** Offset of memory 0's size in pages, u64 LE; memory {@code i}'s is at {@code 40 + 8 * i}. */
  public static final int SIZES_OFFSET = 40;

  /** Real address of bucket 0: the page after the manager's. */
  public static final long BUCKETS_OFFSET = Memory.PAGE_SIZE;

  private static final StructureMagic MAGIC = StructureMagic.MEMORY_MANAGER;
  private static final int[] NO_BUCKETS = new int[0];

  /** The real memory, as given. */
  private final Memory root;

  /** The real memory with a journal: {@link #root}, or a journaled wrapper of it. */
  private final Memory memory;

  private final Journal journal;

  /** Registered with the journal, which holds it weakly: this field keeps it alive. */
  private final RollbackListener reloader = this::reloadAfterRollback;

  /** Why grows are refused (the image no longer holds this manager), or null. */
  private String unusable;

  private final int bucketSizePages;
  private final long bucketSizeBytes;
  private int allocatedBuckets;

  /** Size of each memory in pages; shared (never replaced) with the handles for bounds checks. */
  final long[] sizes = new long[MAX_MEMORIES];

  /** The bucket numbers each memory owns, ascending; {@code bucketCounts[id]} entries are used. */
  private final int[][] buckets = new int[MAX_MEMORIES][];

  private final int[] bucketCounts = new int[MAX_MEMORIES];
  private final VirtualMemory[] handles = new VirtualMemory[MAX_MEMORIES];
  private final byte[] headerBuffer = new byte[HEADER_SIZE];

  private MemoryManager(Memory root, Memory memory, int bucketSizePages) {
    this.root = root;
    this.memory = memory;
    this.journal = memory.journal();
    this.bucketSizePages = bucketSizePages;
    this.bucketSizeBytes = (long) bucketSizePages * Memory.PAGE_SIZE;
    Arrays.fill(buckets, NO_BUCKETS);
    // All handles up front, so that get() writes nothing: threads asking at once get one handle.
    for (int id = 0; id < MAX_MEMORIES; id++) {
      handles[id] = new VirtualMemory(this, id, memory, sizes, bucketSizePages);
    }
  }

  /**
   * Opens the manager stored in {@code memory}, or creates one with the default bucket size if the
   * memory is empty. Same as {@code init(memory, DEFAULT_BUCKET_SIZE_PAGES)}.
   *
   * @param memory the real memory
   * @return the manager
   * @throws BadMagicException if the memory is not empty and holds something else; it is untouched
   * @throws UnsupportedVersionException if it holds a manager of another layout version
   * @throws CorruptedStructureException if it holds a damaged manager
   * @throws GrowFailedException if the memory is empty and cannot grow to one page
   */
  public static MemoryManager init(Memory memory) {
    return init(memory, DEFAULT_BUCKET_SIZE_PAGES);
  }

  /**
   * Opens the manager stored in {@code memory}, or creates one if the memory is empty (0 pages).
   * When a manager is loaded, the bucket size stored in it wins over {@code bucketSizePages}.
   * Unlike the crate, a non-empty memory that does not start with "MGR" is refused, never
   * overwritten: that is what {@link #create} is for.
   *
   * @param memory the real memory
   * @param bucketSizePages the bucket size for a new manager, 1 to {@value #MAX_BUCKET_SIZE_PAGES}
   * @return the manager
   * @throws IllegalArgumentException if the bucket size is out of range
   * @throws BadMagicException if the memory is not empty and holds something else; it is untouched
   * @throws UnsupportedVersionException if it holds a manager of another layout version
   * @throws CorruptedStructureException if it holds a damaged manager
   * @throws GrowFailedException if the memory is empty and cannot grow to one page
   */
  public static MemoryManager init(Memory memory, int bucketSizePages) {
    Objects.requireNonNull(memory, "memory");
    checkBucketSize(bucketSizePages);
    if (memory.size() == 0) {
      return create(memory, bucketSizePages);
    }
    return load(memory);
  }

  /**
   * Writes a new, empty manager over page 0 of {@code memory}, whatever it held: the header and the
   * bucket table are overwritten (the rest of page 0 and the later pages are left as they are, as
   * in the crate). This destroys any structure stored there; use it only on purpose, for example on
   * a fresh memory that was grown in advance. The memory grows to one page if empty.
   *
   * @param memory the real memory
   * @param bucketSizePages the bucket size, 1 to {@value #MAX_BUCKET_SIZE_PAGES}
   * @return the new manager, with every memory of size 0
   * @throws IllegalArgumentException if the bucket size is out of range
   * @throws GrowFailedException if the memory is empty and cannot grow; nothing changed then
   */
  public static MemoryManager create(Memory memory, int bucketSizePages) {
    Objects.requireNonNull(memory, "memory");
    checkBucketSize(bucketSizePages);
    MemoryManager manager = new MemoryManager(memory, journaled(memory), bucketSizePages);
    Journal journal = manager.journal;
    long step = journal.beginStep();
    try {
      Memories.ensureCapacity(manager.memory, BUCKET_TABLE_OFFSET + MAX_BUCKETS);
      manager.saveHeader(0, 0, 0);
      byte[] table = new byte[MAX_BUCKETS];
      Arrays.fill(table, (byte) FREE_BUCKET);
      manager.memory.write(BUCKET_TABLE_OFFSET, table);
      journal.commitStep(step);
    } finally {
      journal.endStep(step);
    }
    return manager.registered();
  }

  /** The memory itself if it has a journal, else a journaled wrapper of it. */
  private static Memory journaled(Memory memory) {
    return memory.journal() != null ? memory : new JournaledMemory(memory);
  }

  /** Registers the reload with the journal; returns this. */
  private MemoryManager registered() {
    journal.addRollbackListener(reloader);
    return this;
  }

  /**
   * Opens the manager stored in {@code memory}; never creates one and never writes.
   *
   * @param memory the real memory
   * @return the manager, with the stored bucket size, sizes and bucket lists
   * @throws BadMagicException if the memory is empty or does not start with "MGR"
   * @throws UnsupportedVersionException if the layout version is not 1
   * @throws CorruptedStructureException if the header, the table and the memory's size disagree
   */
  public static MemoryManager load(Memory memory) {
    Objects.requireNonNull(memory, "memory");
    return parse(memory, journaled(memory)).registered();
  }

  /** The reads and checks of {@link #load}, for a reload too. */
  private static MemoryManager parse(Memory memory, Memory journaled) {
    if (memory.size() == 0) {
      throw new BadMagicException(
          "the memory is empty (0 pages): there is no memory manager ('MGR') to load");
    }
    byte[] header = memory.readBytes(0, HEADER_SIZE);
    if (!MAGIC.matches(header)) {
      throw new BadMagicException(
          "not a memory manager: expected magic 'MGR' at offset 0, found "
              + StructureMagic.describe(Arrays.copyOf(header, 8))
              + "; the memory was left untouched (MemoryManager.create overwrites on purpose)");
    }
    // The magic matched (refused above with a manager-specific hint): this checks the version,
    // with the message every structure gives.
    MAGIC.checkHeader(header, LAYOUT_VERSION, "MemoryManager");
    int allocated = ByteArrays.getShortLE(header, ALLOCATED_BUCKETS_OFFSET);
    int bucketSizePages = ByteArrays.getShortLE(header, BUCKET_SIZE_OFFSET);
    if (bucketSizePages == 0) {
      throw corrupted("the bucket size is 0 pages");
    }
    if (allocated > MAX_BUCKETS) {
      throw corrupted(allocated + " buckets allocated, more than the maximum " + MAX_BUCKETS);
    }
    MemoryManager manager = new MemoryManager(memory, journaled, bucketSizePages);
    manager.allocatedBuckets = allocated;
    for (int id = 0; id < MAX_MEMORIES; id++) {
      long size = ByteArrays.getLongLE(header, SIZES_OFFSET + 8 * id);
      if (size < 0 || size > (long) MAX_BUCKETS * bucketSizePages) {
        throw corrupted(
            "memory "
                + id
                + " has an impossible size of "
                + Long.toUnsignedString(size)
                + " pages");
      }
      manager.sizes[id] = size;
    }
    byte[] table = memory.readBytes(BUCKET_TABLE_OFFSET, MAX_BUCKETS);
    for (int bucket = 0; bucket < MAX_BUCKETS; bucket++) {
      int owner = table[bucket] & 0xFF;
      if (bucket < allocated) {
        if (owner == FREE_BUCKET) {
          throw corrupted(
              "bucket " + bucket + " is marked free but " + allocated + " buckets are allocated");
        }
        manager.appendBucket(owner, bucket);
      } else if (owner != FREE_BUCKET) {
        throw corrupted(
            "bucket "
                + bucket
                + " is owned by memory "
                + owner
                + " but only "
                + allocated
                + " buckets are allocated");
      }
    }
    for (int id = 0; id < MAX_MEMORIES; id++) {
      long needed = manager.bucketsNeeded(manager.sizes[id]);
      if (manager.bucketCounts[id] != needed) {
        throw corrupted(
            "memory "
                + id
                + " is "
                + manager.sizes[id]
                + " pages long and needs "
                + needed
                + " buckets, but owns "
                + manager.bucketCounts[id]);
      }
    }
    long realPages = 1 + (long) bucketSizePages * allocated;
    if (memory.size() < realPages) {
      throw corrupted(
          "the memory is "
              + memory.size()
              + " pages long, too short for "
              + allocated
              + " buckets of "
              + bucketSizePages
              + " pages ("
              + realPages
              + " pages)");
    }
    return manager;
  }

  /**
   * Returns the virtual memory with the given id. The same id always gives the same handle, which
   * stays valid as long as this manager, whichever thread asks.
   *
   * @param id the memory id, 0 to {@value #MAX_MEMORY_ID}
   * @return the virtual memory
   * @throws IllegalArgumentException if the id is out of range
   */
  public VirtualMemory get(int id) {
    checkId(id);
    return handles[id];
  }

  /**
   * Returns the bucket size, stored in the header.
   *
   * @return pages per bucket, 1 to {@value #MAX_BUCKET_SIZE_PAGES}
   */
  public int bucketSizeInPages() {
    return bucketSizePages;
  }

  /**
   * Returns how many buckets have been handed out, over all memories.
   *
   * @return 0 to {@value #MAX_BUCKETS}
   */
  public int allocatedBuckets() {
    return allocatedBuckets;
  }

  /**
   * Returns the size of a virtual memory.
   *
   * @param id the memory id, 0 to {@value #MAX_MEMORY_ID}
   * @return its size in pages
   * @throws IllegalArgumentException if the id is out of range
   */
  public long memorySize(int id) {
    checkId(id);
    return sizes[id];
  }

  /**
   * Returns the buckets a virtual memory owns, in the order they map its address space.
   *
   * @param id the memory id, 0 to {@value #MAX_MEMORY_ID}
   * @return a new array of bucket numbers, ascending
   * @throws IllegalArgumentException if the id is out of range
   */
  public int[] bucketsOf(int id) {
    checkId(id);
    return Arrays.copyOf(buckets[id], bucketCounts[id]);
  }

  /**
   * Returns the real memory this manager carves up (for dumps and tools; writing to it directly can
   * corrupt every virtual memory).
   *
   * @return the underlying memory
   */
  public Memory baseMemory() {
    return root;
  }

  /**
   * Reads page 0 and reports any damage; never writes, and may run while other threads only read.
   * Checks the header (magic, version, a bucket size of 1 page or more, at most {@value
   * #MAX_BUCKETS} allocated buckets, every memory's size possible), the bucket table (exactly the
   * first allocated buckets owned, each memory owning as many buckets as its size needs), the
   * buckets inside the underlying memory, and that this manager's heap copy (sizes, counts and
   * bucket lists, each bucket in one list) is what the image holds. Findings carry the offset of
   * the header field or table byte in the underlying memory. It does not look inside the virtual
   * memories: each structure's own {@code verify()} does.
   *
   * @return the report; {@link dev.stablestructures.VerifyReport#assertOk()} throws if it has
   *     findings
   */
  public dev.stablestructures.VerifyReport verify() {
    return ManagerVerifier.verify(this);
  }

  /**
   * Grows a virtual memory, as the crate does: new buckets get the next bucket numbers, the real
   * memory grows to hold them, then the table and the whole header are rewritten. Unlike the crate,
   * the real memory is grown first, so if it refuses nothing at all has changed.
   *
   * @param id the memory id, already checked
   * @param pages how many pages to add, not negative
   * @return the previous size in pages, or -1 if the bucket limit or the real memory refused
   */
  long grow(int id, long pages) {
    if (pages < 0) {
      throw new IllegalArgumentException("cannot grow by a negative number of pages: " + pages);
    }
    if (unusable != null) {
      throw new IllegalStateException(unusable);
    }
    // One step (a savepoint in the caller's), opened before the sizes are read: from here no other
    // thread writes. The heap state changes last, before the commit; if the step rolls back after
    // that, the listener reloads it.
    long step = journal.beginStep();
    try {
      long oldSize = grow(id, pages, sizes[id]);
      journal.commitStep(step);
      return oldSize;
    } finally {
      journal.endStep(step);
    }
  }

  private long grow(int id, long pages, long oldSize) {
    if (pages > (long) MAX_BUCKETS * bucketSizePages - oldSize) {
      return -1; // more than every bucket could hold; also keeps the arithmetic below in range
    }
    long newSize = oldSize + pages;
    long newBuckets = bucketsNeeded(newSize) - bucketsNeeded(oldSize);
    if (newBuckets > MAX_BUCKETS - allocatedBuckets) {
      return -1;
    }
    int newAllocated = allocatedBuckets + (int) newBuckets;
    long realPagesNeeded = 1 + (long) bucketSizePages * newAllocated;
    long realPages = memory.size();
    if (realPagesNeeded > realPages && memory.grow(realPagesNeeded - realPages) == -1) {
      return -1; // nothing written
    }
    for (int bucket = allocatedBuckets; bucket < newAllocated; bucket++) {
      memory.writeByte(BUCKET_TABLE_OFFSET + bucket, (byte) id);
    }
    saveHeader(newAllocated, id, newSize);
    for (int bucket = allocatedBuckets; bucket < newAllocated; bucket++) {
      appendBucket(id, bucket);
    }
    allocatedBuckets = newAllocated;
    sizes[id] = newSize;
    return oldSize;
  }

  /**
   * The rollback listener: sizes, bucket lists and count from the restored image, through a fresh
   * parse; the memories forget their cached bucket. Never throws: an image that no longer holds
   * this manager leaves every memory empty and grows refused.
   */
  private void reloadAfterRollback() {
    MemoryManager stored = null;
    try {
      stored = parse(memory, memory);
      if (stored.bucketSizePages != bucketSizePages) {
        throw corrupted("the bucket size is now " + stored.bucketSizePages + " pages");
      }
    } catch (RuntimeException gone) {
      stored = null;
      unusable =
          "this memory manager is gone from its memory: a rollback restored an image without it"
              + " (its creation was rolled back?): "
              + gone.getMessage();
    }
    allocatedBuckets = stored == null ? 0 : stored.allocatedBuckets;
    for (int id = 0; id < MAX_MEMORIES; id++) {
      sizes[id] = stored == null ? 0 : stored.sizes[id];
      buckets[id] = stored == null ? NO_BUCKETS : stored.buckets[id];
      bucketCounts[id] = stored == null ? 0 : stored.bucketCounts[id];
    }
  }

  /**
   * Returns the real address of the start of the {@code index}-th bucket of memory {@code id}. The
   * caller has checked that the memory owns that many buckets.
   */
  long bucketAddress(int id, int index) {
    return BUCKETS_OFFSET + buckets[id][index] * bucketSizeBytes;
  }

  private void appendBucket(int id, int bucket) {
    int count = bucketCounts[id];
    int[] list = buckets[id];
    if (count == list.length) {
      list = Arrays.copyOf(list, Math.max(4, count * 2));
      buckets[id] = list;
    }
    list[count] = bucket;
    bucketCounts[id] = count + 1;
  }

  private long bucketsNeeded(long pages) {
    return (pages + bucketSizePages - 1) / bucketSizePages;
  }

  /**
   * Writes the whole 2,080-byte header in one go, as the crate does on every grow: the heap's
   * sizes, but {@code allocated} buckets and memory {@code id} at {@code size} pages.
   */
  private void saveHeader(int allocated, int id, long size) {
    byte[] h = headerBuffer;
    Arrays.fill(h, (byte) 0);
    System.arraycopy(MAGIC.header(LAYOUT_VERSION), 0, h, 0, StructureMagic.HEADER_SIZE);
    ByteArrays.putShortLE(h, ALLOCATED_BUCKETS_OFFSET, allocated);
    ByteArrays.putShortLE(h, BUCKET_SIZE_OFFSET, bucketSizePages);
    for (int i = 0; i < MAX_MEMORIES; i++) {
      ByteArrays.putLongLE(h, SIZES_OFFSET + 8 * i, i == id ? size : sizes[i]);
    }
    memory.write(0, h);
  }

  static void checkId(int id) {
    if (id < 0 || id > MAX_MEMORY_ID) {
      throw new IllegalArgumentException(
          "memory id must be in [0, " + MAX_MEMORY_ID + "] (255 marks free buckets): " + id);
    }
  }

  private static void checkBucketSize(int bucketSizePages) {
    if (bucketSizePages < 1 || bucketSizePages > MAX_BUCKET_SIZE_PAGES) {
      throw new IllegalArgumentException(
          "bucket size must be in [1, " + MAX_BUCKET_SIZE_PAGES + "] pages: " + bucketSizePages);
    }
  }

  private static CorruptedStructureException corrupted(String what) {
    return new CorruptedStructureException("corrupted memory manager: " + what);
  }

  @Override
  public String toString() {
    return "MemoryManager[bucket size "
        + bucketSizePages
        + " pages, "
        + allocatedBuckets
        + " buckets allocated, over "
        + memory
        + "]";
  }
}
