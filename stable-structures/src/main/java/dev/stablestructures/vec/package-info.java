/**
 * {@link dev.stablestructures.vec.StableVec}, a growable array in stable memory (the crate's Vec),
 * over the slot array of {@link dev.stablestructures.basevec}.
 */
package dev.stablestructures.vec;
