/**
 * {@link dev.stablestructures.cell.StableCell}: one value kept in stable memory (the crate's Cell).
 */
package dev.stablestructures.cell;
