/**
 * {@link dev.stablestructures.log.StableLog}, an append-only list of variable-size entries in two
 * memories (the crate's Log), and {@link dev.stablestructures.log.LogVectorScripts}, its
 * compatibility script.
 */
package dev.stablestructures.log;
