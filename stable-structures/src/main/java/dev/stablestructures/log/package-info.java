/**
 * {@link dev.stablestructures.log.StableLog}: an append-only list of variable-size entries in two
 * memories, an index and a data memory (the crate's Log).
 */
package dev.stablestructures.log;
