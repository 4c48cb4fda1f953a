package dev.stablestructures.cli.inspect;

import dev.stablestructures.codec.Codec;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Compares two structures' entries in one streaming pass (constant heap): maps and sets by a merge
 * of their sorted keys, vectors, heaps, logs and cells position by position. Each difference goes
 * to a consumer as a line; the counts say how many of each kind there were.
 */
final class EntryDiff {
  long onlyInA;
  long onlyInB;
  long changed;
  long same;

  private final Codec<?> keyCodec;
  private final Codec<?> valueCodec;
  private final Comparator<byte[]> order;
  private final Consumer<String> sink;
  private final long[] failures = new long[1];

  /** False when both are sets: a key is the whole entry. */
  private boolean valued = true;

  EntryDiff(Codec<?> keyCodec, Codec<?> valueCodec, Consumer<String> sink) {
    this.keyCodec = keyCodec;
    this.valueCodec = valueCodec;
    // Both trees iterate in their stored order; unsigned bytes is that order for every
    // byte-ordered key type, and the only one that cannot fail on a key of another type.
    this.order = Arrays::compareUnsigned;
    this.sink = sink;
  }

  /** The total number of entries that differ. */
  long differences() {
    return onlyInA + onlyInB + changed;
  }

  void compare(Structure a, Structure b) {
    valued = a.valued() || b.valued();
    if (a.keyed() && b.keyed()) {
      keyed(a.entries(), b.entries());
    } else {
      positional(a.entries(), b.entries());
    }
  }

  private void keyed(Iterator<RawEntry> a, Iterator<RawEntry> b) {
    RawEntry x = a.hasNext() ? a.next() : null;
    RawEntry y = b.hasNext() ? b.next() : null;
    while (x != null || y != null) {
      int c = x == null ? 1 : y == null ? -1 : order.compare(x.key(), y.key());
      if (c < 0) {
        onlyInA++;
        sink.accept("only in A: key " + key(x) + (valued ? " = " + value(x) : ""));
        x = a.hasNext() ? a.next() : null;
      } else if (c > 0) {
        onlyInB++;
        sink.accept("only in B: key " + key(y) + (valued ? " = " + value(y) : ""));
        y = b.hasNext() ? b.next() : null;
      } else {
        if (Arrays.equals(x.value(), y.value())) {
          same++;
        } else {
          changed++;
          sink.accept("changed: key " + key(x) + ": A " + value(x) + ", B " + value(y));
        }
        x = a.hasNext() ? a.next() : null;
        y = b.hasNext() ? b.next() : null;
      }
    }
  }

  private void positional(Iterator<RawEntry> a, Iterator<RawEntry> b) {
    long index = 0;
    while (a.hasNext() || b.hasNext()) {
      RawEntry x = a.hasNext() ? a.next() : null;
      RawEntry y = b.hasNext() ? b.next() : null;
      if (y == null) {
        onlyInA++;
        sink.accept("only in A: [" + index + "] = " + value(x));
      } else if (x == null) {
        onlyInB++;
        sink.accept("only in B: [" + index + "] = " + value(y));
      } else if (Arrays.equals(x.value(), y.value())) {
        same++;
      } else {
        changed++;
        sink.accept("changed: [" + index + "]: A " + value(x) + ", B " + value(y));
      }
      index++;
    }
  }

  private String key(RawEntry e) {
    return shorten(NamedCodecs.renderOrHex(keyCodec, e.key(), failures));
  }

  private String value(RawEntry e) {
    return shorten(NamedCodecs.renderOrHex(valueCodec, e.value(), failures));
  }

  private static String shorten(String text) {
    return text.length() > 64 ? text.substring(0, 64) + "... (" + text.length() + " chars)" : text;
  }
}
