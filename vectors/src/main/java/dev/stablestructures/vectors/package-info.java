/**
 * Compatibility vectors: the seeded scripts of {@code vectors/data/README.md}, replayed with the
 * Java library to produce images byte-identical to the Rust crate's, and checked against {@code
 * java.util} models when reading the crate's images. The {@code cli} tool and the tests both use
 * this.
 */
package dev.stablestructures.vectors;
