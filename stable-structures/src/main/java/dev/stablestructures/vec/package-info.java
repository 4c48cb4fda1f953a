/**
 * {@link dev.stablestructures.vec.StableVec}, a growable array in stable memory (the crate's Vec),
 * and {@link dev.stablestructures.vec.BaseVec}, the slot layout it shares with the MinHeap.
 */
package dev.stablestructures.vec;
