package dev.stablestructures.memory;

/**
 * The direction of a bulk access, so that a memory which splits bulk accesses into pieces (chunks,
 * buckets) writes its loop once for {@link Memory#read(long, byte[], int, int) read} and {@link
 * Memory#write(long, byte[], int, int) write}.
 */
public enum Transfer {
  /** From the memory into an array. */
  READ,
  /** From an array into the memory. */
  WRITE
}
