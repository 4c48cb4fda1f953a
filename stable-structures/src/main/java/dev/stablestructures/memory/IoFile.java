package dev.stablestructures.memory;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One open file as a {@link FileMemory} uses it, its image or its journal: every operation that
 * touches the file through the OS, so that a test layer ({@link FileIo}) can refuse them, or record
 * every write and every sync to build the states a power cut could leave.
 */
interface IoFile {
  /**
   * Returns the file's length.
   *
   * @return the length in bytes
   * @throws IOException if the OS fails
   */
  long length() throws IOException;

  /**
   * Sets the file's length (sparse when growing, dropping the tail when shrinking).
   *
   * @param length the new length in bytes
   * @throws IOException if the OS refuses
   */
  void setLength(long length) throws IOException;

  /**
   * Maps a region of the file read-write and shared: stores into it are the file's content.
   *
   * @param position the first byte
   * @param size the region's length, at most {@code Integer.MAX_VALUE}
   * @return the mapping
   * @throws IOException if the OS refuses
   */
  ByteBuffer map(long position, long size) throws IOException;

  /**
   * Writes a mapping's changed pages to the storage device and waits ({@code msync}).
   *
   * @param mapping a buffer {@link #map} returned
   * @throws IOException if the OS reports a failure
   */
  void force(ByteBuffer mapping) throws IOException;

  /**
   * Writes the file's changed data, and with {@code metadata} its length, to the storage device and
   * waits ({@link java.nio.channels.FileChannel#force}: {@code fsync} or {@code fdatasync}).
   *
   * @param metadata whether the file's metadata must reach the device too
   * @throws IOException if the OS reports a failure
   */
  void sync(boolean metadata) throws IOException;

  /**
   * Writes zeros over a range of the file that reads as zeros already (new pages of a hole), with
   * the file's write call, so that its pages are in the page cache before the mapping touches them
   * (see {@link FileGrowth}). It changes no content, so a layer may skip it: this default does.
   *
   * @param position the first byte
   * @param length how many bytes
   * @throws IOException if the OS fails; the caller ignores it
   */
  default void writeZeros(long position, int length) throws IOException {}
}
