/**
 * {@link dev.stablestructures.log.StableLog}, an append-only list of variable-size entries in two
 * memories (the crate's Log).
 */
package dev.stablestructures.log;
