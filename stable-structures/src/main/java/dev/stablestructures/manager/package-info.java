/**
 * The memory manager: one real {@link dev.stablestructures.memory.Memory} carved into up to 255
 * growable {@link dev.stablestructures.manager.VirtualMemory virtual memories}, in the Rust crate's
 * {@code MGR} v1 layout, so that several structures can share one stable memory.
 */
package dev.stablestructures.manager;
