/**
 * The memory layer: a flat, growable address space of 64 KiB pages ({@link
 * dev.stablestructures.memory.Memory}) and its implementations, in the heap, over memory-mapped
 * files and as bounded windows. Everything else in the library is laid out in a memory.
 */
package dev.stablestructures.memory;
