package dev.stablestructures.cli.inspect;

import dev.stablestructures.memory.Memory;
import dev.stablestructures.memory.SameAddressMemory;
import dev.stablestructures.memory.Transfer;
import java.util.concurrent.atomic.LongAdder;

/**
 * The image's memory, counting the bytes read through it: {@code verify}'s progress, since a
 * structure's walk reads each of its nodes or slots about once. Writes are passed on (and refused
 * by the read-only memory beneath).
 */
final class ReadCounter extends SameAddressMemory {
  private final LongAdder read = new LongAdder();

  ReadCounter(Memory base) {
    super(base);
  }

  /** Bytes read so far. */
  long bytesRead() {
    return read.sum();
  }

  @Override
  protected long translate(long offset, int length) {
    read.add(length);
    return offset;
  }

  @Override
  protected void copy(Transfer transfer, long offset, byte[] bytes, int at, int length) {
    if (transfer == Transfer.READ) {
      read.add(length);
    }
    copyBase(transfer, offset, bytes, at, length);
  }
}
