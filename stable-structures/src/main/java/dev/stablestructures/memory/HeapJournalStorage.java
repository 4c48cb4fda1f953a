package dev.stablestructures.memory;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Journal records in one growable heap array, from offset 0, in {@link JournalLayout}'s record
 * format without checksums: the storage of {@link HeapMemory}'s and {@link JournaledMemory}'s
 * journals. It survives exceptions, not the process (nor does the memory it protects). The array
 * doubles as it fills; one above 1 MiB is released when the transaction ends.
 */
final class HeapJournalStorage extends JournalStorage {
  private static final int INITIAL = 4096;
  private static final int MAX_RETAINED = 1 << 20;
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  /** The most bytes of records: {@link #MAX_ARRAY}, or a test's smaller limit. */
  private final long maxBytes;

  private byte[] bytes = new byte[0];

  HeapJournalStorage() {
    this(MAX_ARRAY);
  }

  /**
   * Creates a storage that holds at most {@code maxBytes} bytes of records: a test's limit, to
   * reach the refusal without a 2 GiB transaction.
   */
  HeapJournalStorage(long maxBytes) {
    super(0, 31);
    this.maxBytes = maxBytes;
  }

  @Override
  void ensureCapacity(long end) {
    if (end <= bytes.length) {
      return;
    }
    if (end > maxBytes) {
      throw new IllegalStateException(
          "a heap journal holds at most "
              + maxBytes
              + " bytes of records in one transaction; "
              + end
              + " bytes are needed");
    }
    long capacity = Math.min(Math.max(end, Math.max(INITIAL, (long) bytes.length * 2)), maxBytes);
    bytes = Arrays.copyOf(bytes, (int) capacity);
    chunks = new ByteBuffer[] {ByteBuffer.wrap(bytes)};
  }

  @Override
  void release() {
    if (bytes.length > MAX_RETAINED) {
      bytes = new byte[0];
      chunks = new ByteBuffer[0];
    }
  }
}
