package dev.stablestructures.crash;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.cell.StableCell;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.log.StableLog;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.minheap.StableMinHeap;
import dev.stablestructures.vec.StableVec;

/**
 * The kill workload's real structures, on one {@link MemoryManager} over the file memory, and the
 * {@link Target} that performs steps on them. Memory ids and codecs:
 *
 * <pre>
 * id  structure                             codec(s)
 * --  ------------------------------------  ---------------------------
 *  0  StableBTreeMap                        u64 -> u64
 *  1  StableBTreeMap (large values)         u64 -> bytes (unbounded)
 *  2  StableVec                             Blob&lt;40&gt;
 *  3  StableCell                            bytes (unbounded), default empty
 *  4  StableLog index    } one log          bytes (unbounded)
 *  5  StableLog data     }
 *  6  StableMinHeap                         u64
 * </pre>
 *
 * <p>The manager is created with one-page buckets ({@link #BUCKET_PAGES}), so every structure's
 * growth also allocates manager buckets often, and a kill can land in the manager's own writes.
 */
final class Stores implements Target {
  /** Bucket size of the manager, in pages. */
  static final int BUCKET_PAGES = 1;

  static final int MAP_ID = 0;
  static final int BLOB_ID = 1;
  static final int VEC_ID = 2;
  static final int CELL_ID = 3;
  static final int LOG_INDEX_ID = 4;
  static final int LOG_DATA_ID = 5;
  static final int HEAP_ID = 6;

  private final StableBTreeMap<Long, Long> map;
  private final StableBTreeMap<Long, byte[]> blobs;
  private final StableVec<byte[]> vec;
  private final StableCell<byte[]> cell;
  private final StableLog<byte[]> log;
  private final StableMinHeap<Long> heap;

  private Stores(MemoryManager manager) {
    this.map = StableBTreeMap.init(manager.get(MAP_ID), Codecs.u64(), Codecs.u64());
    this.blobs = StableBTreeMap.init(manager.get(BLOB_ID), Codecs.u64(), Codecs.bytes());
    this.vec = StableVec.init(manager.get(VEC_ID), Codecs.blob(Workload.VEC_MAX));
    this.cell = StableCell.init(manager.get(CELL_ID), Codecs.bytes(), new byte[0]);
    this.log = StableLog.init(manager.get(LOG_INDEX_ID), manager.get(LOG_DATA_ID), Codecs.bytes());
    this.heap = StableMinHeap.init(manager.get(HEAP_ID), Codecs.u64());
  }

  /**
   * Opens every structure in {@code root}, creating the manager and any structure not there yet
   * (the child's start).
   *
   * @param root the file memory
   * @return the structures
   */
  static Stores init(Memory root) {
    return new Stores(MemoryManager.init(root, BUCKET_PAGES));
  }

  /** Loads the map of memory {@link #MAP_ID} without writing anything. */
  static StableBTreeMap<Long, Long> loadMap(MemoryManager manager) {
    return StableBTreeMap.load(manager.get(MAP_ID), Codecs.u64(), Codecs.u64());
  }

  /** Loads the large-value map of memory {@link #BLOB_ID} without writing anything. */
  static StableBTreeMap<Long, byte[]> loadBlobs(MemoryManager manager) {
    return StableBTreeMap.load(manager.get(BLOB_ID), Codecs.u64(), Codecs.bytes());
  }

  /** Loads the vector of memory {@link #VEC_ID} without writing anything. */
  static StableVec<byte[]> loadVec(MemoryManager manager) {
    return StableVec.load(manager.get(VEC_ID), Codecs.blob(Workload.VEC_MAX));
  }

  /** Loads the cell of memory {@link #CELL_ID} without writing anything. */
  static StableCell<byte[]> loadCell(MemoryManager manager) {
    return StableCell.load(manager.get(CELL_ID), Codecs.bytes());
  }

  /** Loads the log of memories {@link #LOG_INDEX_ID} and {@link #LOG_DATA_ID}. */
  static StableLog<byte[]> loadLog(MemoryManager manager) {
    return StableLog.load(manager.get(LOG_INDEX_ID), manager.get(LOG_DATA_ID), Codecs.bytes());
  }

  /** Loads the heap of memory {@link #HEAP_ID} without writing anything. */
  static StableMinHeap<Long> loadHeap(MemoryManager manager) {
    return StableMinHeap.load(manager.get(HEAP_ID), Codecs.u64());
  }

  @Override
  public void mapPut(long key, long value) {
    map.put(key, value);
  }

  @Override
  public void mapRemove(long key) {
    map.remove(key);
  }

  @Override
  public void blobPut(long key, byte[] value) {
    blobs.put(key, value);
  }

  @Override
  public void blobRemove(long key) {
    blobs.remove(key);
  }

  @Override
  public void vecPush(byte[] value) {
    vec.push(value);
  }

  @Override
  public void vecPop() {
    vec.pop();
  }

  @Override
  public void vecSet(long slot, byte[] value) {
    long length = vec.len();
    if (length > 0) {
      vec.set(slot % length, value);
    }
  }

  @Override
  public void cellSet(byte[] value) {
    cell.set(value);
  }

  @Override
  public void logAppend(byte[] value) {
    log.append(value);
  }

  @Override
  public void heapPush(long value) {
    heap.pushLong(value);
  }

  @Override
  public void heapPop() {
    if (heap.len() > 0) {
      heap.popLong();
    }
  }
}
