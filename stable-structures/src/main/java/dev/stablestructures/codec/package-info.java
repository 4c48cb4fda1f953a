/**
 * Codecs: how values become bytes (the crate's {@code Storable}), with the crate's bounds, byte
 * encodings and key order. {@link dev.stablestructures.codec.Codecs} is the catalogue.
 */
package dev.stablestructures.codec;
