/**
 * stable-structures: data structures laid out in stable memory, byte-compatible with the Rust crate
 * ic-stable-structures. The exported packages are the API, layer by layer: {@code memory}, {@code
 * manager}, {@code codec}, {@code basevec} (the slot array under the vector and the heap), one
 * package per structure, {@code tx} (transactions), {@code runtime} (the canister runtime), and the
 * shared exceptions and magic table in the root package. {@code internal} holds hooks for the
 * project's own tools and is exported to them only.
 */
@SuppressWarnings(
    "module") // the benchmarks run on the class path, so javac never sees their module
module dev.stablestructures {
  exports dev.stablestructures;
  exports dev.stablestructures.memory;
  exports dev.stablestructures.manager;
  exports dev.stablestructures.codec;
  exports dev.stablestructures.basevec;
  exports dev.stablestructures.btreemap;
  exports dev.stablestructures.btreeset;
  exports dev.stablestructures.vec;
  exports dev.stablestructures.cell;
  exports dev.stablestructures.log;
  exports dev.stablestructures.minheap;
  exports dev.stablestructures.tx;
  exports dev.stablestructures.runtime;
  exports dev.stablestructures.runtime.meter;
  exports dev.stablestructures.runtime.junit;

  // Only the upgrade-twice extension uses JUnit, and only in a test, where JUnit is present: the
  // library needs nothing at run time. Not transitive: that would make every module that reads
  // this one need JUnit to compile; the extension's classes suppress the "exports" lint instead.
  requires static org.junit.jupiter.api;

  exports dev.stablestructures.internal to
      dev.stablestructures.vectors,
      dev.stablestructures.benchmarks;
}
