/**
 * The memory layer: a flat, growable address space of 64 KiB pages ({@link
 * dev.stablestructures.memory.Memory}) and its implementations, in the heap, over memory-mapped
 * files and as bounded windows; and the transaction mechanism every structure builds on, the undo
 * {@link dev.stablestructures.memory.Journal} of each root memory, kept beside a file memory's
 * image ({@link dev.stablestructures.memory.JournalLayout}) with the {@link
 * dev.stablestructures.memory.Durability} chosen when it is opened. Everything else in the library
 * is laid out in a memory.
 */
package dev.stablestructures.memory;
