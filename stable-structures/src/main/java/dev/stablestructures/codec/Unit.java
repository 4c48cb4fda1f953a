package dev.stablestructures.codec;

/** The value of Rust's {@code ()}: the value type of a set, stored as no bytes. */
public enum Unit {
  /** The only value. */
  INSTANCE
}
