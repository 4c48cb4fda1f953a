package dev.stablestructures.memory;

import java.util.Arrays;
import java.util.Objects;

/**
 * A memory held in one Java {@code byte[]}: the default for tests, and the Java form of the crate's
 * {@code VectorMemory}. It grows by copying into a larger array (capacity doubles, so a run of
 * small grows costs amortized O(1)), up to a maximum of pages fixed at construction; past that,
 * {@link #grow} answers -1. The largest possible maximum is {@link #MAX_PAGES} (just under 2 GiB).
 *
 * <p>Each primitive is one bounds check and one {@link ByteArrays} access on the array, plus one
 * field check of its {@link #journal() journal}: inside a transaction, a write first saves the
 * bytes it overwrites into the journal, in the heap. Transactions here survive exceptions (the
 * journal dies with the process, as the memory does). A rolled-back grow leaves its pages, zeroed.
 */
public final class HeapMemory implements Memory {
  /** The most pages one {@code byte[]} can hold. */
  public static final long MAX_PAGES = (Integer.MAX_VALUE - 8) / PAGE_SIZE;

  private final long maxPages;
  private final Resize resize;
  private byte[] bytes;
  private long pages;
  private int sizeInBytes;
  private final Journal journal;

  /** Creates an empty memory that may grow up to {@link #MAX_PAGES}. */
  public HeapMemory() {
    this(MAX_PAGES);
  }

  /**
   * Creates an empty memory that may grow up to {@code maxPages} pages.
   *
   * @param maxPages the most pages {@link #grow} will allow, 0 to {@link #MAX_PAGES}
   * @throws IllegalArgumentException if {@code maxPages} is out of that range
   */
  public HeapMemory(long maxPages) {
    this(maxPages, Arrays::copyOf, new HeapJournalStorage());
  }

  /**
   * Creates an empty memory that grows its array with {@code resize} and journals into {@code
   * journalStorage}: {@link Arrays#copyOf(byte[], int)} and a 2 GiB storage in production; a
   * test's, to refuse an array as a full heap does, or to fill the journal without a 2 GiB
   * transaction.
   */
  HeapMemory(long maxPages, Resize resize, HeapJournalStorage journalStorage) {
    if (maxPages < 0 || maxPages > MAX_PAGES) {
      throw new IllegalArgumentException("maxPages must be in [0, " + MAX_PAGES + "]: " + maxPages);
    }
    this.maxPages = maxPages;
    this.resize = resize;
    this.bytes = new byte[0];
    this.journal = new Journal(new Target(), journalStorage, "a HeapMemory");
  }

  /**
   * Creates a memory holding a copy of an image, such as a {@code stable_memory.bin}.
   *
   * @param image the bytes; their length must be a whole number of pages
   * @return the memory, which may grow up to {@link #MAX_PAGES}
   * @throws IllegalArgumentException if the image is not a whole number of pages
   */
  public static HeapMemory of(byte[] image) {
    if (image.length % PAGE_SIZE != 0) {
      throw new IllegalArgumentException(
          "an image must be a whole number of 64 KiB pages, found " + image.length + " bytes");
    }
    HeapMemory memory = new HeapMemory();
    memory.bytes = image.clone();
    memory.pages = image.length / PAGE_SIZE;
    memory.sizeInBytes = image.length;
    return memory;
  }

  /**
   * Returns the most pages this memory may grow to.
   *
   * @return the maximum size in pages
   */
  public long maxPages() {
    return maxPages;
  }

  @Override
  public long size() {
    return pages;
  }

  @Override
  public long sizeInBytes() {
    return sizeInBytes;
  }

  @Override
  public long grow(long delta) {
    if (delta < 0) {
      throw new IllegalArgumentException("cannot grow by a negative number of pages: " + delta);
    }
    long previous = pages;
    if (delta > maxPages - pages) {
      return -1;
    }
    long newPages = pages + delta;
    if (delta > 0) {
      journal.beforeGrow(sizeInBytes);
    }
    int newSize = (int) (newPages * PAGE_SIZE);
    if (newSize > bytes.length) {
      long doubled = Math.max((long) bytes.length * 2, newSize);
      int capacity = (int) Math.min(doubled, maxPages * PAGE_SIZE);
      try {
        bytes = resize.copyOf(bytes, capacity);
      } catch (OutOfMemoryError e) {
        // The JVM heap, not the page limit, refused: that is still "cannot grow", not a crash.
        try {
          bytes = resize.copyOf(bytes, newSize);
        } catch (OutOfMemoryError again) {
          return -1;
        }
      }
    }
    pages = newPages;
    sizeInBytes = newSize;
    return previous;
  }

  private int index(long offset, int length) {
    if (offset < 0 || offset > sizeInBytes - length) {
      throw Memories.outOfBounds(offset, length, sizeInBytes);
    }
    return (int) offset;
  }

  @Override
  public void read(long offset, byte[] dst, int dstOffset, int length) {
    if (length < 0) {
      throw Memories.outOfBounds(offset, length, sizeInBytes);
    }
    System.arraycopy(bytes, index(offset, length), dst, dstOffset, length);
  }

  @Override
  public void write(long offset, byte[] src, int srcOffset, int length) {
    if (length < 0) {
      throw Memories.outOfBounds(offset, length, sizeInBytes);
    }
    int at = index(offset, length);
    // Checked up front: a bad array range must record nothing and write nothing.
    Objects.checkFromIndexSize(srcOffset, length, src.length);
    journal.beforeWrite(offset, length);
    System.arraycopy(src, srcOffset, bytes, at, length);
  }

  // The width is a constant at each typed accessor's call site (Memory's defaults), so once
  // inlined each switch folds to its single load or store.

  /** Reads with one load from the array. */
  @Override
  public long readLittleEndian(long offset, int width) {
    int at = index(offset, Memories.checkWidth(width));
    return switch (width) {
      case Byte.BYTES -> bytes[at] & 0xFF;
      case Short.BYTES -> ByteArrays.getShortLE(bytes, at);
      case Integer.BYTES -> ByteArrays.getIntLE(bytes, at) & 0xFFFF_FFFFL;
      default -> ByteArrays.getLongLE(bytes, at);
    };
  }

  /** Journals the write, then makes it with one store into the array. */
  @Override
  public void writeLittleEndian(long offset, int width, long value) {
    int at = index(offset, Memories.checkWidth(width));
    journal.beforeWrite(offset, width);
    switch (width) {
      case Byte.BYTES -> bytes[at] = (byte) value;
      case Short.BYTES -> ByteArrays.putShortLE(bytes, at, (int) value);
      case Integer.BYTES -> ByteArrays.putIntLE(bytes, at, (int) value);
      default -> ByteArrays.putLongLE(bytes, at, value);
    }
  }

  /**
   * Returns this memory's undo journal, kept in the heap.
   *
   * @return the journal, the same object for the memory's whole life
   */
  @Override
  public Journal journal() {
    return journal;
  }

  /** The journal's access to the array, bypassing the journal (for tests of the storage alone). */
  JournalTarget journalTarget() {
    return new Target();
  }

  /** The journal's access to the array, bypassing the journal. */
  private final class Target implements JournalTarget {
    @Override
    public long journalSize() {
      return sizeInBytes;
    }

    @Override
    public void saveOld(long offset, int length, JournalStorage to, long at) {
      to.put(at, bytes, (int) offset, length);
    }

    @Override
    public void readOld(long offset, byte[] dst, int at, int length) {
      System.arraycopy(bytes, (int) offset, dst, at, length);
    }

    @Override
    public void writeOld(long offset, byte[] src, int at, int length) {
      System.arraycopy(src, at, bytes, (int) offset, length);
    }

    @Override
    public void restore(long offset, int length, JournalStorage from, long at) {
      from.get(at, bytes, (int) offset, length);
    }

    @Override
    public void zero(long offset, int length) {
      Arrays.fill(bytes, (int) offset, (int) offset + length, (byte) 0);
    }
  }

  /**
   * Returns a copy of the whole memory.
   *
   * @return a new array of {@code size() * PAGE_SIZE} bytes
   */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, sizeInBytes);
  }

  @Override
  public String toString() {
    return "HeapMemory[" + pages + " pages]";
  }

  /** How the memory's array grows: {@link Arrays#copyOf(byte[], int)}, or a test's. */
  @FunctionalInterface
  interface Resize {
    /**
     * Returns a copy of {@code bytes} of {@code length} bytes, zero-padded.
     *
     * @param bytes the array
     * @param length the new length, at least the old one
     * @return the copy
     * @throws OutOfMemoryError if the heap has no room for it
     */
    byte[] copyOf(byte[] bytes, int length);
  }
}
