package dev.stablestructures.memory;

/**
 * What a {@link FileMemory}'s transactions survive, chosen when it is opened ({@link
 * FileMemoryOptions#durability}). A heap memory's transactions survive exceptions only: its journal
 * dies with the process, and so does the memory.
 */
public enum Durability {
  /**
   * The default: a committed transaction, and every state before the current one, survives the
   * process dying at any moment ({@code kill -9}, an out-of-memory kill, a JVM crash). Writes go to
   * the mapped image in place, after their undo record is stored in the mapped journal; both are in
   * the OS page cache the moment the store returns, and the page cache outlives the process, so no
   * sync call is made. A power cut or a kernel crash can lose or tear any write not yet written
   * back by the OS; the journal may then fail to validate on the next open (a typed error, nothing
   * changed) or the image may hold a mix of states.
   */
  PROCESS_DEATH,

  /**
   * Also survives power loss and kernel crashes, at the cost of three sync calls per commit: the
   * transaction's image writes wait in a bounded heap overlay of 4 KiB pages and reach the image
   * file only after their undo records are on disk. {@code FileMemoryJournal} draws the exact order
   * of the three syncs; {@link FileMemory} what survives what.
   */
  POWER_LOSS
}
