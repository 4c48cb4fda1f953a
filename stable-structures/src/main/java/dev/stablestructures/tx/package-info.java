/**
 * Transactions for users: group any number of writes, through any number of structures of one
 * memory manager (or one bare memory), into one all-or-nothing step. {@link
 * dev.stablestructures.tx.Transactions} opens one; the mechanism underneath is the memory's {@link
 * dev.stablestructures.memory.Journal}, and what a committed transaction survives is the memory's
 * {@link dev.stablestructures.memory.Durability}.
 */
package dev.stablestructures.tx;
