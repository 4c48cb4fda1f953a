package dev.stablestructures.cli.inspect;

import dev.stablestructures.VerifyReport;
import java.util.Iterator;

/**
 * A structure found in an image and opened over bytes codecs (the bounds read from its header), so
 * that any image opens without knowing its types; a named codec only decodes for display.
 */
interface Structure {
  /** What it is: {@code "StableBTreeMap"}, {@code "StableBTreeSet"}, {@code "StableVec"}, ... */
  String kind();

  /** Whether entries have keys (maps and sets). */
  boolean keyed();

  /**
   * Whether entries carry values worth showing: false for a set, whose B-tree stores an empty
   * (unit) value with every key.
   */
  default boolean valued() {
    return true;
  }

  /** Walks the stored image and reports damage and statistics; reads only. */
  VerifyReport verify();

  /** The entries in stored order, read one at a time (constant heap). */
  Iterator<RawEntry> entries();

  /** The number of entries its header claims. */
  long length();
}
