package dev.stablestructures.memory;

import static dev.stablestructures.memory.JournalLayout.ALL_DURABLE;
import static dev.stablestructures.memory.JournalLayout.COUNT;
import static dev.stablestructures.memory.JournalLayout.DURABLE;
import static dev.stablestructures.memory.JournalLayout.HEADER_SIZE;
import static dev.stablestructures.memory.JournalLayout.MAGIC;
import static dev.stablestructures.memory.JournalLayout.MAGIC_VERSION;
import static dev.stablestructures.memory.JournalLayout.NAME;
import static dev.stablestructures.memory.JournalLayout.NAME_CHECKSUM;
import static dev.stablestructures.memory.JournalLayout.NAME_LENGTH;
import static dev.stablestructures.memory.JournalLayout.RECORD_HEADER;
import static dev.stablestructures.memory.JournalLayout.R_CRC;
import static dev.stablestructures.memory.JournalLayout.SIZE_AT_BEGIN;
import static dev.stablestructures.memory.JournalLayout.TX_CHECKSUM;
import static dev.stablestructures.memory.JournalLayout.TX_SEQUENCE;
import static dev.stablestructures.memory.JournalLayout.VERSION;

import dev.stablestructures.MemoryIoException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Journal records in a memory-mapped file, {@code <image>.journal} beside a {@link FileMemory}'s
 * image, in {@link JournalLayout}'s format: header, records with checksums. The file is mapped in
 * chunks like the image, starts at 1 MiB (sparse) and grows by doubling, at most 64 MiB at a time,
 * so a transaction touching gigabytes keeps its old bytes on disk, not in the heap; after a
 * transaction that grew it past 64 MiB, it is cut back to 1 MiB.
 *
 * <p>Write order (for process death): a record's bytes, then its checksum, then the count word with
 * a release store (every earlier store is visible first), then a store-store fence, and only then
 * does the memory write the image. The commit point is the release store of count 0. No call here
 * syncs, except {@link #sync} and a clean mark after {@link #syncNextClean}, which a {@link
 * Durability#POWER_LOSS} memory asks for.
 */
final class FileJournalStorage extends JournalStorage {
  /** The file's first length: the header and about 1 MiB of records. */
  static final long INITIAL_LENGTH = 1L << 20;

  /** A journal longer than this after a transaction is cut back to {@link #INITIAL_LENGTH}. */
  static final long RETAINED_LENGTH = 64L << 20;

  private static final long MAX_STEP = 64L << 20;

  private final Path path;
  private final RandomAccessFile descriptor;
  private final IoFile file;
  private final boolean powerLoss;
  private final CRC32C crc = new CRC32C();
  private final byte[] scratch = new byte[28];

  // Duplicates of the chunks whose position and limit the checksum moves (the chunks' own never
  // move).
  private ByteBuffer[] views;
  private long length;
  private long txSequence;
  private boolean syncNextClean;

  private FileJournalStorage(
      Path path, RandomAccessFile descriptor, IoFile file, int shift, boolean powerLoss) {
    super(HEADER_SIZE, shift);
    this.path = path;
    this.descriptor = descriptor;
    this.file = file;
    this.powerLoss = powerLoss;
    this.views = new ByteBuffer[0];
  }

  /**
   * Opens (creating if needed) the journal file and maps what it holds; writes nothing. The caller
   * reads the header, recovers if needed, then calls {@link #initialize}.
   */
  static FileJournalStorage open(FileIo io, Path path, int shift, boolean powerLoss)
      throws IOException {
    RandomAccessFile descriptor = new RandomAccessFile(path.toFile(), "rw");
    try {
      FileJournalStorage storage =
          new FileJournalStorage(path, descriptor, io.open(path, descriptor), shift, powerLoss);
      storage.length = storage.file.length();
      storage.remap(0, storage.length);
      return storage;
    } catch (IOException | RuntimeException e) {
      descriptor.close();
      throw e;
    }
  }

  private void remap(long oldLength, long newLength) throws IOException {
    boolean shrink = oldLength > newLength;
    ByteBuffer[] table =
        MappedChunks.map(
            file, shrink ? new ByteBuffer[0] : chunks, shrink ? 0 : oldLength, newLength, shift);
    // The full chunks below the old length were kept, and so are their views.
    int kept = shrink ? 0 : (int) Math.min(oldLength >>> shift, views.length);
    ByteBuffer[] v = new ByteBuffer[table.length];
    for (int i = 0; i < table.length; i++) {
      v[i] = i < kept ? views[i] : table[i].duplicate();
    }
    chunks = table;
    views = v;
    length = newLength;
  }

  /** Returns the journal file's path. */
  Path path() {
    return path;
  }

  /** Returns the file's current length. */
  long fileLength() {
    return length;
  }

  /**
   * Writes a fresh header for the named image (a new or never finished file), the magic last, and
   * sets the file to its first length; in power-loss mode syncs it and its directory entry.
   */
  void create(String imageName, FileIo io) throws IOException {
    byte[] name = imageName.getBytes(StandardCharsets.UTF_8);
    if (length < INITIAL_LENGTH) {
      file.setLength(INITIAL_LENGTH);
      remap(length, INITIAL_LENGTH);
    }
    ByteBuffer header = chunks[0];
    for (int i = 0; i < HEADER_SIZE; i += 8) {
      LONG.set(header, i, 0L);
    }
    header.put(NAME_LENGTH, (byte) name.length);
    header.put(NAME_LENGTH + 1, (byte) (name.length >>> 8));
    header.put(NAME, name, 0, name.length);
    INT.set(header, NAME_CHECKSUM, nameChecksum(name));
    VarHandle.storeStoreFence();
    VarHandle.releaseFence();
    INT.set(header, MAGIC_VERSION, MAGIC | VERSION << 24);
    VarHandle.storeStoreFence();
    if (powerLoss) {
      file.sync(true);
      Path dir = path.toAbsolutePath().getParent();
      if (dir != null) {
        io.syncDirectory(dir);
      }
    }
  }

  /** The checksum of the magic, the version and the name, as stored at {@code NAME_CHECKSUM}. */
  static int nameChecksum(byte[] name) {
    CRC32C c = new CRC32C();
    byte[] head = new byte[4];
    ByteArrays.putIntLE(head, 0, MAGIC | VERSION << 24);
    c.update(head, 0, 4);
    byte[] length = new byte[2];
    length[0] = (byte) name.length;
    length[1] = (byte) (name.length >>> 8);
    c.update(length, 0, 2);
    c.update(name, 0, name.length);
    return (int) c.getValue();
  }

  /** Reads the header's bytes {@code [0, n)} into an array (recovery and validation). */
  byte[] headerBytes(int n) {
    byte[] bytes = new byte[(int) Math.min(n, length)];
    if (bytes.length > 0) {
      chunks[0].get(0, bytes, 0, bytes.length);
    }
    return bytes;
  }

  /** After validation: continues from the records recovery left (none, once clean). */
  void initialize(long lastTxSequence) {
    txSequence = lastTxSequence;
    clear();
  }

  // ---------------------------------------------------------------- the byte space

  @Override
  void ensureCapacity(long end) {
    if (end <= length) {
      return;
    }
    long step = Math.min(Math.max(length, INITIAL_LENGTH), MAX_STEP);
    long newLength = Math.max((end + 0xFFFF) & ~0xFFFFL, length + step);
    try {
      file.setLength(newLength);
      remap(length, newLength);
    } catch (IOException e) {
      throw new MemoryIoException(
          "cannot extend journal file " + path + " to " + newLength + " bytes: " + e.getMessage(),
          e);
    }
  }

  // ---------------------------------------------------------------- header and checksums

  @Override
  void startTransaction(long sequence, long sizeAtBegin) {
    txSequence = sequence;
    ByteBuffer header = chunks[0];
    LONG.set(header, DURABLE, powerLoss ? 0L : ALL_DURABLE);
    LONG.set(header, TX_SEQUENCE, sequence);
    LONG.set(header, SIZE_AT_BEGIN, sizeAtBegin);
    INT.set(header, TX_CHECKSUM, txChecksum(sequence, sizeAtBegin));
  }

  /** The checksum of a transaction's header fields, as stored at {@code TX_CHECKSUM}. */
  int txChecksum(long sequence, long sizeAtBegin) {
    ByteArrays.putLongLE(scratch, 0, sequence);
    ByteArrays.putLongLE(scratch, 8, sizeAtBegin);
    crc.reset();
    crc.update(scratch, 0, 16);
    return (int) crc.getValue();
  }

  @Override
  void seal(long start, int kind, int length) {
    putInt(start + R_CRC, recordChecksum(start, txSequence, kind, length));
  }

  @Override
  int stagedChecksum(byte[] record, int length) {
    // The same bytes as recordChecksum: the sequence, the header up to R_CRC, the data.
    ByteArrays.putLongLE(record, STAGED_HEADER - 8, txSequence);
    crc.reset();
    crc.update(record, STAGED_HEADER - 8, 8 + R_CRC);
    crc.update(record, STAGED_HEADER + RECORD_HEADER, length);
    return (int) crc.getValue();
  }

  /** The checksum of the record at {@code start}, as stored at its {@code R_CRC}. */
  int recordChecksum(long start, long sequence, int kind, int length) {
    ByteArrays.putLongLE(scratch, 0, sequence);
    get(start, scratch, 8, R_CRC);
    crc.reset();
    crc.update(scratch, 0, 8 + R_CRC);
    if (JournalLayout.hasData(kind)) {
      long position = start + RECORD_HEADER;
      long n = length;
      while (n > 0) {
        int index = (int) (position >>> shift);
        int in = (int) position & mask;
        int piece = (int) Math.min(n, mask + 1L - in);
        ByteBuffer view = views[index];
        view.clear();
        view.position(in);
        view.limit(in + piece);
        crc.update(view);
        position += piece;
        n -= piece;
      }
    }
    return (int) crc.getValue();
  }

  @Override
  void publish(long count) {
    publish(COUNT, count);
    VarHandle.storeStoreFence();
  }

  @Override
  void markClean() {
    publish(COUNT, 0L);
    VarHandle.storeStoreFence();
    if (syncNextClean) {
      syncNextClean = false;
      try {
        file.sync(false);
      } catch (IOException e) {
        throw new MemoryIoException(
            "cannot sync journal file " + path + " at commit: " + e.getMessage(), e);
      }
    }
  }

  /** The next {@link #markClean} syncs the journal, so that the commit point is on disk. */
  void syncNextClean() {
    syncNextClean = true;
  }

  /**
   * Makes every record so far durable (fsync, with the file's length), then advances the durable
   * count in the header: from here on a damaged record before it is damage, not a torn write.
   */
  @Override
  void sync() {
    try {
      file.sync(true);
    } catch (IOException e) {
      throw new MemoryIoException("cannot sync journal file " + path + ": " + e.getMessage(), e);
    }
    publish(DURABLE, count());
  }

  /** Cuts a journal that grew past {@link #RETAINED_LENGTH} back to its first length. */
  @Override
  void release() {
    if (length <= RETAINED_LENGTH) {
      return;
    }
    try {
      // Map the first length before the cut: a refused map then changes nothing, where a cut
      // first left the old table over a shorter file (the next write past the cut: SIGBUS).
      // Mappings past the new end stay until collected; nothing touches them again.
      remap(length, INITIAL_LENGTH);
      file.setLength(INITIAL_LENGTH);
    } catch (IOException e) {
      // Keeping the long file is harmless: it is reused from the start, and the next growth sets
      // its length again.
    }
  }

  /** Releases the descriptor; the mappings are released by the garbage collector. */
  void close() throws IOException {
    chunks = new ByteBuffer[0];
    views = new ByteBuffer[0];
    descriptor.close();
  }

  /** Forces the header page and syncs: recovery's last step, after it marked the journal clean. */
  void syncAll() throws IOException {
    file.sync(true);
  }

  // A release fence and one plain aligned store, not setRelease: a test's simulated map is a heap
  // buffer, where newer JDKs refuse every access mode but plain; the order is the same.
  private void publish(int field, long value) {
    VarHandle.releaseFence();
    LONG.set(chunks[0], field, value);
  }
}
