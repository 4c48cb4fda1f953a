/**
 * {@link dev.stablestructures.minheap.StableMinHeap}, a binary min-heap in stable memory (the
 * crate's MinHeap, magic {@code "SMH"}) and a {@link java.util.Queue}.
 */
package dev.stablestructures.minheap;
