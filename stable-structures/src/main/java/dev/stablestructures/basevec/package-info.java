/**
 * The slot array under {@link dev.stablestructures.vec.StableVec} and {@link
 * dev.stablestructures.minheap.StableMinHeap} (the crate's {@code base_vec.rs}): {@link
 * dev.stablestructures.basevec.BaseVec} owns the shared layout and the unboxed access to slots of
 * 4- and 8-byte numbers. Its own package so that neither structure depends on the other.
 */
package dev.stablestructures.basevec;
