package dev.stablestructures.memory;

import dev.stablestructures.MemoryIoException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The journal's side of a {@link FileMemory}: how old bytes are copied between the mapped image
 * (or, in a {@link Durability#POWER_LOSS} transaction, its page overlay) and the journal, and the
 * power-loss commit sequence.
 *
 * <p>In power-loss mode a transaction's writes go to a {@link PageOverlay}, never to the image;
 * their undo records go to the journal as in the default mode. At commit, and whenever the overlay
 * is full (a spill):
 *
 * <ol>
 *   <li>the image's current bytes of every overlay page (below the size at the transaction's begin;
 *       past it, recovery cuts the file) are appended to the journal as IMAGE_PAGE records;
 *   <li>{@code FileChannel.force(true)} on the journal (fsync): every record, and the journal's
 *       length, are on disk before the image changes; the header's durable count then moves up to
 *       them, so that recovery calls a bad record below it damage rather than a torn write;
 *   <li>the image file is extended if the transaction grew it, and the overlay copied into it;
 * </ol>
 *
 * and at commit only, then:
 *
 * <ol start="4">
 *   <li>{@code MappedByteBuffer.force()} on each changed chunk of the image (msync), and {@code
 *       FileChannel.force(true)} on it if anything changed: the new state, and its length, are on
 *       disk before the journal stops protecting the old one;
 *   <li>the journal's count is set to 0 (the commit point) and {@code FileChannel.force(false)} on
 *       the journal (fdatasync): the commit is on disk when {@code commit()} returns.
 * </ol>
 *
 * <p>A crash before step 5 reaches the disk rolls the transaction back; after it, the transaction
 * stays. Torn sector writes are harmless: IMAGE_PAGE records restore whole pages. A transaction
 * rolled back before it spilled just drops its overlay (its image was never written); one that
 * spilled undoes its writes into the overlay and commits that, by the same sequence.
 */
final class FileMemoryJournal implements JournalTarget, PageOverlay.Image {
  private static final byte[] ZEROS = new byte[4096];

  private final FileMemory memory;
  private final int overlayPages;
  private Journal journal;
  private FileJournalStorage storage;
  private PageOverlay spare;
  private boolean spilled;

  FileMemoryJournal(FileMemory memory, int overlayPages) {
    this.memory = memory;
    this.overlayPages = overlayPages;
  }

  void attach(Journal journal, FileJournalStorage storage) {
    this.journal = journal;
    this.storage = storage;
  }

  private boolean powerLoss() {
    return memory.durability == Durability.POWER_LOSS;
  }

  // ---------------------------------------------------------------- old bytes

  @Override
  public long journalSize() {
    return memory.sizeInBytes;
  }

  @Override
  public void saveOld(long offset, int length, JournalStorage to, long at) {
    move(Transfer.READ, offset, length, to, at);
  }

  @Override
  public void readOld(long offset, byte[] dst, int at, int length) {
    PageOverlay o = memory.overlay;
    if (o != null) {
      o.read(offset, dst, at, length);
    } else {
      memory.copy(Transfer.READ, offset, dst, at, length);
    }
  }

  @Override
  public void writeOld(long offset, byte[] src, int at, int length) {
    PageOverlay o = memory.overlay;
    if (o != null) {
      o.write(offset, src, at, length);
    } else {
      memory.copy(Transfer.WRITE, offset, src, at, length);
    }
  }

  @Override
  public void restore(long offset, int length, JournalStorage from, long at) {
    move(Transfer.WRITE, offset, length, from, at);
  }

  /**
   * Copies bytes between the image (or the overlay, if one is open) and the journal: {@code READ}
   * saves the image's bytes into the journal, {@code WRITE} puts the journal's back into the image.
   */
  private void move(Transfer transfer, long offset, int length, JournalStorage records, long at) {
    PageOverlay o = memory.overlay;
    if (o != null) {
      if (transfer == Transfer.READ) {
        o.saveTo(offset, length, records, at);
      } else {
        o.restoreFrom(offset, length, records, at);
      }
      return;
    }
    ByteBuffer[] table = memory.chunks;
    int shift = memory.chunkShift;
    int mask = memory.chunkMask;
    while (length > 0) {
      int index = (int) (offset >>> shift);
      int position = (int) offset & mask;
      int n = Math.min(length, mask + 1 - position);
      if (transfer == Transfer.READ) {
        records.put(at, table[index], position, n);
      } else {
        records.get(at, table[index], position, n);
        memory.dirty[index] = true;
      }
      offset += n;
      at += n;
      length -= n;
    }
  }

  @Override
  public void zero(long offset, int length) {
    PageOverlay o = memory.overlay;
    if (o != null) {
      o.zero(offset, length);
      return;
    }
    while (length > 0) {
      int n = Math.min(length, ZEROS.length);
      memory.copy(Transfer.WRITE, offset, ZEROS, 0, n);
      offset += n;
      length -= n;
    }
  }

  /** Image bytes for the overlay: the mapped file, zeros past its end (pages grown since). */
  @Override
  public void readImage(long offset, byte[] dst, int at, int n) {
    long mapped = memory.fileBytes;
    if (offset >= mapped) {
      java.util.Arrays.fill(dst, at, at + n, (byte) 0);
    } else {
      // An overlay page never straddles the mapped end: both are multiples of 4 KiB.
      memory.copy(Transfer.READ, offset, dst, at, n);
    }
  }

  // ---------------------------------------------------------------- transaction points

  @Override
  public void began() {
    if (powerLoss()) {
      PageOverlay o = spare;
      spare = null;
      memory.overlay = o != null ? o : new PageOverlay(this, overlayPages);
      spilled = false;
    }
  }

  @Override
  public void overflow() {
    spill(false);
  }

  @Override
  public void beforeCommit() {
    PageOverlay o = memory.overlay;
    if (o == null) {
      return;
    }
    boolean nothing =
        o.isEmpty()
            && journal.recordCount() == 0
            && !spilled
            && memory.sizeInBytes == memory.fileBytes;
    if (!nothing) {
      spill(true);
      storage.syncNextClean();
    }
  }

  @Override
  public boolean discardTransaction() {
    PageOverlay o = memory.overlay;
    if (o == null || spilled) {
      return false;
    }
    // The image was never written: dropping the overlay undoes everything. Pages grown stay (a
    // memory never shrinks), and their length is made durable so no journal finds the image short.
    o.clear();
    if (memory.sizeInBytes > memory.fileBytes) {
      if (!memory.extendFile(memory.sizeInBytes)) {
        throw new MemoryIoException(
            "memory file " + memory.path() + " cannot keep the pages its rolled-back grow added");
      }
      memory.syncLength();
    }
    return true;
  }

  @Override
  public void ended() {
    PageOverlay o = memory.overlay;
    if (o != null) {
      o.clear();
      memory.overlay = null;
      spare = o;
    }
  }

  /**
   * Moves the overlay into the image under the journal's protection: IMAGE_PAGE records of the
   * image's bytes, sync of the journal, extension of the file, copy; at commit also the image's
   * sync. The overlay is empty afterwards.
   */
  private void spill(boolean commit) {
    PageOverlay o = memory.overlay;
    long[] order = o.sortedPages();
    long limit = journal.sizeAtBegin();
    ByteBuffer[] table = memory.chunks;
    int shift = memory.chunkShift;
    int mask = memory.chunkMask;
    for (long page : order) {
      long offset = page << PageOverlay.SHIFT;
      if (offset >= limit) {
        break; // past the size at begin: recovery cuts the file there, nothing to save
      }
      long at = journal.appendImagePage(offset, PageOverlay.SIZE);
      storage.put(at, table[(int) (offset >>> shift)], (int) offset & mask, PageOverlay.SIZE);
      journal.finishImagePage();
    }
    storage.sync();
    journal.keepRecords();
    spilled = true;
    if (memory.sizeInBytes > memory.fileBytes && !memory.extendFile(memory.sizeInBytes)) {
      throw new MemoryIoException(
          "memory file " + memory.path() + " could not be extended to " + memory.sizeInBytes);
    }
    table = memory.chunks;
    for (long page : order) {
      long offset = page << PageOverlay.SHIFT;
      int index = (int) (offset >>> shift);
      table[index].put((int) offset & mask, o.find(page), 0, PageOverlay.SIZE);
      memory.dirty[index] = true;
    }
    o.clear();
    if (commit) {
      try {
        memory.syncImage();
      } catch (IOException e) {
        throw new MemoryIoException(
            "cannot sync memory file " + memory.path() + " at commit: " + e.getMessage(), e);
      }
    }
  }
}
