package dev.stablestructures.runtime.meter;

/**
 * The 4 KiB page numbers one message has dirtied: an open-addressing hash set of primitive {@code
 * long}s with linear probing, so marking a page never boxes. A slot holds {@code page + 1}; 0 is an
 * empty slot (page numbers are 0 or more). The table doubles when half full; nothing is ever
 * removed, since a message only adds pages.
 */
final class PageSet {
  private static final int INITIAL_SLOTS = 64;

  private long[] slots = new long[INITIAL_SLOTS];
  private int mask = INITIAL_SLOTS - 1;
  private int shift = Long.numberOfLeadingZeros(INITIAL_SLOTS - 1);
  private int size;

  /**
   * Returns how many pages the set holds.
   *
   * @return the count of distinct pages added
   */
  int size() {
    return size;
  }

  /**
   * Tells whether a page is in the set.
   *
   * @param page a page number, 0 or more
   * @return true if it was added before
   */
  boolean contains(long page) {
    long key = page + 1;
    for (int i = slot(key); ; i = (i + 1) & mask) {
      long k = slots[i];
      if (k == key) {
        return true;
      }
      if (k == 0) {
        return false;
      }
    }
  }

  /**
   * Adds a page.
   *
   * @param page a page number, 0 or more
   * @return true if the page was not in the set before
   */
  boolean add(long page) {
    long key = page + 1;
    int i = slot(key);
    for (long k = slots[i]; k != 0; k = slots[i]) {
      if (k == key) {
        return false;
      }
      i = (i + 1) & mask;
    }
    slots[i] = key;
    if (++size > (mask >>> 1)) {
      rehash();
    }
    return true;
  }

  private int slot(long key) {
    // Fibonacci hashing: neighbouring pages (the usual case) spread over the whole table.
    // The top bits of the product, as many as the table has index bits.
    return (int) ((key * 0x9E37_79B9_7F4A_7C15L) >>> shift);
  }

  private void rehash() {
    long[] old = slots;
    slots = new long[old.length * 2];
    mask = slots.length - 1;
    shift = Long.numberOfLeadingZeros(mask);
    for (long key : old) {
      if (key != 0) {
        int i = slot(key);
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = key;
      }
    }
  }
}
