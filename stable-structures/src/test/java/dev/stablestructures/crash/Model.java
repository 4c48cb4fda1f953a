package dev.stablestructures.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The parent's model of the structures: what they must hold after ops {@code 0..index()}, kept in
 * heap collections and advanced one op at a time (never replayed from the start).
 */
final class Model implements Target {
  final TreeMap<Long, Long> map = new TreeMap<>();
  final TreeMap<Long, byte[]> blobs = new TreeMap<>();
  final List<byte[]> vec = new ArrayList<>();
  byte[] cell = new byte[0];
  final List<byte[]> log = new ArrayList<>();
  final PriorityQueue<Long> heap = new PriorityQueue<>();

  private final Workload workload;
  private long index = -1;

  /**
   * Starts the model of a fresh file: every structure empty, no op applied.
   *
   * @param workload the ops it follows
   */
  Model(Workload workload) {
    this.workload = workload;
  }

  /**
   * Returns the last op applied, -1 for none.
   *
   * @return the index
   */
  long index() {
    return index;
  }

  /**
   * Applies ops up to and including {@code last}.
   *
   * @param last the op to stop after; not before {@link #index()}
   */
  void advanceTo(long last) {
    if (last < index) {
      throw new IllegalArgumentException("the model is at op " + index + ", past " + last);
    }
    while (index < last) {
      index++;
      workload.op(index).applyCommitted(this);
    }
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
    vec.add(value);
  }

  @Override
  public void vecPop() {
    if (!vec.isEmpty()) {
      vec.remove(vec.size() - 1);
    }
  }

  @Override
  public void vecSet(long slot, byte[] value) {
    if (!vec.isEmpty()) {
      vec.set((int) (slot % vec.size()), value);
    }
  }

  @Override
  public void cellSet(byte[] value) {
    cell = value;
  }

  @Override
  public void logAppend(byte[] value) {
    log.add(value);
  }

  @Override
  public void heapPush(long value) {
    heap.add(value);
  }

  @Override
  public void heapPop() {
    heap.poll();
  }
}
