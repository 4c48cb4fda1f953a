/**
 * stable-structures: data structures laid out in stable memory, byte-compatible with the Rust crate
 * ic-stable-structures. This package holds what every layer shares and depends on nothing: the
 * exceptions and {@link dev.stablestructures.StructureMagic}, the table of structure magics. The
 * layers are {@code memory}, {@code manager}, {@code codec}, {@code basevec} (the slot array under
 * the vector and the heap) and one package per structure.
 */
package dev.stablestructures;
