/**
 * stable-structures: data structures laid out in stable memory, byte-compatible with the Rust crate
 * ic-stable-structures. This package holds the exceptions every layer shares; the layers are {@code
 * memory}, {@code manager}, {@code codec}, one package per structure, and {@code canister}.
 */
package dev.stablestructures;
