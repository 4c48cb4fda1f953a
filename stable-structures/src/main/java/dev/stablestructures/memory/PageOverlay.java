package dev.stablestructures.memory;

import java.util.Arrays;

/**
 * The pages a {@link Durability#POWER_LOSS} transaction changed, held in the heap until its commit:
 * 4 KiB pages, found by page number through a primitive open-addressing table (no boxing). A page
 * is copied from the image when first written; reads of the transaction consult the overlay first,
 * then the image ({@link Image}). When it holds its bound of pages, the next new page asks the
 * memory to spill ({@link Image#overflow}), which journals, syncs, copies and empties it.
 */
final class PageOverlay {
  static final int SHIFT = 12;
  static final int SIZE = 1 << SHIFT;
  private static final int MASK = SIZE - 1;

  /** What the overlay needs from the memory under it. */
  interface Image {
    /** Reads image bytes, which lie in one overlay page; zeros past the file's end. */
    void readImage(long offset, byte[] dst, int at, int n);

    /** The overlay is full: spill it (it is empty afterwards). */
    void overflow();
  }

  private final Image image;
  private final int maxPages;
  private final byte[] scratch = new byte[8];
  private byte[] scratchPage;

  // Open addressing: keys[i] = page number + 1 (0 = empty), slots[i] = index into pages.
  private long[] keys = new long[64];
  private int[] slots = new int[64];
  private byte[][] pages = new byte[16][];
  private long[] numbers = new long[16];
  private int size;

  PageOverlay(Image image, int maxPages) {
    this.image = image;
    this.maxPages = maxPages;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Returns the page numbers held, ascending. */
  long[] sortedPages() {
    long[] sorted = Arrays.copyOf(numbers, size);
    Arrays.sort(sorted);
    return sorted;
  }

  /** Returns the held copy of a page, or null. */
  byte[] find(long page) {
    long[] k = keys;
    int m = k.length - 1;
    for (int i = hash(page) & m; ; i = (i + 1) & m) {
      long key = k[i];
      if (key == page + 1) {
        return pages[slots[i]];
      }
      if (key == 0) {
        return null;
      }
    }
  }

  /** Drops every page; the arrays are kept for the next transaction up to a small size. */
  void clear() {
    if (keys.length > 4096) {
      keys = new long[64];
      slots = new int[64];
      pages = new byte[16][];
      numbers = new long[16];
    } else {
      Arrays.fill(keys, 0);
      Arrays.fill(pages, 0, size, null);
    }
    size = 0;
  }

  private static int hash(long page) {
    long h = page * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 32);
  }

  /** Returns the page's copy for writing, loading it from the image first. */
  private byte[] writable(long page) {
    byte[] p = find(page);
    if (p != null) {
      return p;
    }
    if (size >= maxPages) {
      image.overflow();
    }
    p = new byte[SIZE];
    image.readImage(page << SHIFT, p, 0, SIZE);
    insert(page, p);
    return p;
  }

  private void insert(long page, byte[] p) {
    if ((size + 1) * 2 > keys.length) {
      rehash(keys.length * 2);
    }
    if (size == pages.length) {
      pages = Arrays.copyOf(pages, size * 2);
      numbers = Arrays.copyOf(numbers, size * 2);
    }
    pages[size] = p;
    numbers[size] = page;
    long[] k = keys;
    int m = k.length - 1;
    int i = hash(page) & m;
    while (k[i] != 0) {
      i = (i + 1) & m;
    }
    k[i] = page + 1;
    slots[i] = size;
    size++;
  }

  private void rehash(int capacity) {
    keys = new long[capacity];
    slots = new int[capacity];
    int m = capacity - 1;
    for (int s = 0; s < size; s++) {
      int i = hash(numbers[s]) & m;
      while (keys[i] != 0) {
        i = (i + 1) & m;
      }
      keys[i] = numbers[s] + 1;
      slots[i] = s;
    }
  }

  // ---------------------------------------------------------------- bulk

  /** Reads logical bytes: the overlay's copy of each page, else the image. */
  void read(long offset, byte[] dst, int at, int n) {
    move(Transfer.READ, offset, n, dst, null, at);
  }

  /** Writes into the overlay's copies of the pages. */
  void write(long offset, byte[] src, int at, int n) {
    move(Transfer.WRITE, offset, n, src, null, at);
  }

  /** Copies logical bytes into the journal. */
  void saveTo(long offset, int n, JournalStorage to, long at) {
    move(Transfer.READ, offset, n, null, to, at);
  }

  /** Copies journal bytes into the overlay's pages. */
  void restoreFrom(long offset, int n, JournalStorage from, long at) {
    move(Transfer.WRITE, offset, n, null, from, at);
  }

  /** Zeroes bytes in the overlay's pages. */
  void zero(long offset, int n) {
    move(Transfer.WRITE, offset, n, null, null, 0);
  }

  /**
   * The bulk accesses' one loop, a piece per page. {@code READ} copies logical bytes (the overlay's
   * page, else the image) into {@code array}, or the journal if {@code array} is null; {@code
   * WRITE} copies {@code array}, or the journal's bytes, into the overlay's pages, or zeroes them
   * if both are null. {@code at} indexes the array or the journal.
   */
  private void move(
      Transfer transfer, long offset, int n, byte[] array, JournalStorage journal, long at) {
    while (n > 0) {
      int in = (int) offset & MASK;
      int piece = Math.min(n, SIZE - in);
      if (transfer == Transfer.WRITE) {
        byte[] p = writable(offset >>> SHIFT);
        if (array != null) {
          System.arraycopy(array, (int) at, p, in, piece);
        } else if (journal != null) {
          journal.get(at, p, in, piece);
        } else {
          Arrays.fill(p, in, in + piece, (byte) 0);
        }
      } else {
        byte[] p = find(offset >>> SHIFT);
        if (array != null && p != null) {
          System.arraycopy(p, in, array, (int) at, piece);
        } else if (array != null) {
          image.readImage(offset, array, (int) at, piece);
        } else if (p != null) {
          journal.put(at, p, in, piece);
        } else {
          byte[] copy = scratchPage();
          image.readImage(offset, copy, 0, piece);
          journal.put(at, copy, 0, piece);
        }
      }
      offset += piece;
      at += piece;
      n -= piece;
    }
  }

  private byte[] scratchPage() {
    if (scratchPage == null) {
      scratchPage = new byte[SIZE];
    }
    return scratchPage;
  }

  // ---------------------------------------------------------------- primitives

  private byte[] readable(long offset, int width) {
    int in = (int) offset & MASK;
    if (in > SIZE - width) {
      return null;
    }
    byte[] p = find(offset >>> SHIFT);
    if (p == null) {
      image.readImage(offset, scratch, 0, width);
    }
    return p;
  }

  /**
   * The primitive reads' one body: the {@code width} bytes at {@code offset}, little-endian and
   * zero-extended, from the overlay's page if it holds one, else from the image.
   */
  long readLE(long offset, int width) {
    byte[] p = readable(offset, width);
    if (p != null) {
      return getLE(p, (int) offset & MASK, width);
    }
    if (((int) offset & MASK) > SIZE - width) {
      read(offset, scratch, 0, width);
    }
    return getLE(scratch, 0, width);
  }

  /**
   * Writes the low {@code width} bytes (1, 2, 4 or 8) of {@code value}, little-endian: the
   * primitive writes' one body.
   */
  void writeLE(long offset, int width, long value) {
    int in = (int) offset & MASK;
    if (in <= SIZE - width) {
      putLE(writable(offset >>> SHIFT), in, width, value);
    } else {
      ByteArrays.putLongLE(scratch, 0, value);
      write(offset, scratch, 0, width);
    }
  }

  private static long getLE(byte[] bytes, int at, int width) {
    return switch (width) {
      case Byte.BYTES -> bytes[at] & 0xFF;
      case Short.BYTES -> ByteArrays.getShortLE(bytes, at);
      case Integer.BYTES -> ByteArrays.getIntLE(bytes, at) & 0xFFFF_FFFFL;
      default -> ByteArrays.getLongLE(bytes, at);
    };
  }

  private static void putLE(byte[] bytes, int at, int width, long value) {
    switch (width) {
      case Byte.BYTES -> bytes[at] = (byte) value;
      case Short.BYTES -> ByteArrays.putShortLE(bytes, at, (int) value);
      case Integer.BYTES -> ByteArrays.putIntLE(bytes, at, (int) value);
      default -> ByteArrays.putLongLE(bytes, at, value);
    }
  }
}
