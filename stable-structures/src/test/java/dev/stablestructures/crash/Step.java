package dev.stablestructures.crash;

import dev.stablestructures.testing.TestRandom;

/**
 * One structure operation of the kill workload: which one, and its arguments. Byte-string values
 * are described by a length and a start byte ({@link TestRandom#bytes}), so a step is small and its
 * value is rebuilt identically by the child and by the parent's model.
 *
 * @param kind the operation
 * @param key the B-tree key, or the vector slot of {@link Kind#VEC_SET}
 * @param value the u64 value, or the start byte of a byte-string value
 * @param length the length of a byte-string value
 */
record Step(Kind kind, long key, long value, int length) {
  /** The operations, one per {@link Target} method. */
  enum Kind {
    MAP_PUT,
    MAP_REMOVE,
    BLOB_PUT,
    BLOB_REMOVE,
    VEC_PUSH,
    VEC_POP,
    VEC_SET,
    CELL_SET,
    LOG_APPEND,
    HEAP_PUSH,
    HEAP_POP
  }

  /**
   * Performs this step on {@code target}.
   *
   * @param target the real structures or the model
   */
  void applyTo(Target target) {
    switch (kind) {
      case MAP_PUT -> target.mapPut(key, value);
      case MAP_REMOVE -> target.mapRemove(key);
      case BLOB_PUT -> target.blobPut(key, bytes());
      case BLOB_REMOVE -> target.blobRemove(key);
      case VEC_PUSH -> target.vecPush(bytes());
      case VEC_POP -> target.vecPop();
      case VEC_SET -> target.vecSet(key, bytes());
      case CELL_SET -> target.cellSet(bytes());
      case LOG_APPEND -> target.logAppend(bytes());
      case HEAP_PUSH -> target.heapPush(value);
      case HEAP_POP -> target.heapPop();
    }
  }

  private byte[] bytes() {
    return TestRandom.bytes(length, value);
  }
}
