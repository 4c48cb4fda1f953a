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

  private byte[] bytes = new byte[0];

  HeapJournalStorage() {
    super(0, 31);
  }

  @Override
  void ensureCapacity(long end) {
    if (end <= bytes.length) {
      return;
    }
    if (end > MAX_ARRAY) {
      throw new IllegalStateException(
          "a heap journal holds at most 2 GiB of records in one transaction; "
              + end
              + " bytes are needed");
    }
    long capacity = Math.min(Math.max(end, Math.max(INITIAL, (long) bytes.length * 2)), MAX_ARRAY);
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
