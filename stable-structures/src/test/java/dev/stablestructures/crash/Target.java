package dev.stablestructures.crash;

/**
 * The operations of the kill workload, implemented twice: by {@link Stores} on the real structures
 * in the file, and by {@link Model} on heap collections. A {@link Step} calls exactly one of them,
 * so both sides see the same operation; each implementation must give it the same meaning,
 * including on an empty structure (a pop of nothing, a set into an empty vector do nothing).
 */
interface Target {
  /** Puts {@code key -> value} into the {@code u64 -> u64} B-tree. */
  void mapPut(long key, long value);

  /** Removes {@code key} from the {@code u64 -> u64} B-tree, if present. */
  void mapRemove(long key);

  /** Puts {@code key -> value} into the {@code u64 -> bytes} B-tree of large values. */
  void blobPut(long key, byte[] value);

  /** Removes {@code key} from the B-tree of large values, if present. */
  void blobRemove(long key);

  /** Appends to the vector. */
  void vecPush(byte[] value);

  /** Removes the vector's last element, if any. */
  void vecPop();

  /** Overwrites element {@code slot mod length} of the vector, if it is not empty. */
  void vecSet(long slot, byte[] value);

  /** Replaces the cell's value. */
  void cellSet(byte[] value);

  /** Appends to the log. */
  void logAppend(byte[] value);

  /** Pushes onto the min-heap. */
  void heapPush(long value);

  /** Removes the min-heap's smallest item, if any. */
  void heapPop();
}
