/**
 * The compatibility scripts: seeded operation sequences whose images must be byte-identical to the
 * Rust crate's, shared by the tests and the cli. Reaches the library's tool hooks through its
 * qualified export.
 */
module dev.stablestructures.vectors {
  requires transitive dev.stablestructures;

  exports dev.stablestructures.vectors;
}
