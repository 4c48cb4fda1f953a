package dev.stablestructures.benchmarks.upgrade;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.memory.Memory;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole heap state of {@link HeapStateCanister}, written into one memory by {@code preUpgrade}
 * and read back by {@code postUpgrade}: what {@code stable_save} / {@code stable_restore} do in the
 * seed's Rust example. Written and read through a 1 MiB buffer, one bulk memory call per chunk (the
 * cheapest way the meter allows). All numbers little-endian:
 *
 * <pre>
 * +--------+------+---------------------------------------------+
 * | offset | size | field                                       |
 * +--------+------+---------------------------------------------+
 * |      0 |    8 | entry count n                               |
 * |      8 |    8 | key of the first entry                      |
 * |     16 |    4 | length m of its value                       |
 * |     20 |    m | its value                                   |
 * |    ... |      | the next n - 1 entries, each as the first   |
 * +--------+------+---------------------------------------------+
 * </pre>
 */
final class HeapSnapshot {
  /** Bytes moved per memory call. */
  static final int CHUNK = 1 << 20;

  private HeapSnapshot() {}

  /**
   * Writes the state, growing the memory as needed.
   *
   * @param memory the snapshot's memory
   * @param state the state
   */
  static void write(Memory memory, Map<Long, byte[]> state) {
    long bytes = 8;
    for (byte[] value : state.values()) {
      bytes += 12L + value.length;
    }
    memory.ensureCapacity(bytes);
    Writer out = new Writer(memory);
    out.putLong(state.size());
    for (Map.Entry<Long, byte[]> e : state.entrySet()) {
      out.putLong(e.getKey());
      out.putInt(e.getValue().length);
      out.put(e.getValue());
    }
    out.flush();
  }

  /**
   * Reads the state {@link #write} saved.
   *
   * @param memory the snapshot's memory
   * @return a new map with the state; empty if nothing was saved
   * @throws CorruptedStructureException if the snapshot runs past the memory's end
   */
  static Map<Long, byte[]> read(Memory memory) {
    if (memory.sizeInBytes() == 0) {
      return new HashMap<>();
    }
    Reader in = new Reader(memory);
    long count = in.getLong();
    if (count < 0 || count > memory.sizeInBytes() / 12) {
      throw new CorruptedStructureException(
          "a heap snapshot of "
              + memory.sizeInBytes()
              + " bytes holds at most "
              + memory.sizeInBytes() / 12
              + " entries, found a count of "
              + count);
    }
    Map<Long, byte[]> state = new HashMap<>((int) Math.min(1 << 30, count * 4 / 3 + 1));
    for (long i = 0; i < count; i++) {
      long key = in.getLong();
      byte[] value = new byte[in.getInt()];
      in.get(value);
      state.put(key, value);
    }
    return state;
  }

  /** Buffers writes into {@link #CHUNK}-byte bulk writes. */
  private static final class Writer {
    private final Memory memory;
    private final byte[] buffer = new byte[CHUNK];
    private long offset;
    private int used;

    Writer(Memory memory) {
      this.memory = memory;
    }

    void putLong(long v) {
      room(8);
      for (int i = 0; i < 8; i++) {
        buffer[used++] = (byte) (v >>> (8 * i));
      }
    }

    void putInt(int v) {
      room(4);
      for (int i = 0; i < 4; i++) {
        buffer[used++] = (byte) (v >>> (8 * i));
      }
    }

    void put(byte[] bytes) {
      int at = 0;
      while (at < bytes.length) {
        room(1);
        int n = Math.min(bytes.length - at, CHUNK - used);
        System.arraycopy(bytes, at, buffer, used, n);
        used += n;
        at += n;
      }
    }

    private void room(int bytes) {
      if (CHUNK - used < bytes) {
        flush();
      }
    }

    void flush() {
      memory.write(offset, buffer, 0, used);
      offset += used;
      used = 0;
    }
  }

  /** Reads through {@link #CHUNK}-byte bulk reads. */
  private static final class Reader {
    private final Memory memory;
    private final byte[] buffer = new byte[CHUNK];
    private long next;
    private int at;
    private int limit;

    Reader(Memory memory) {
      this.memory = memory;
    }

    long getLong() {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v |= (getByte() & 0xFFL) << (8 * i);
      }
      return v;
    }

    int getInt() {
      int v = 0;
      for (int i = 0; i < 4; i++) {
        v |= (getByte() & 0xFF) << (8 * i);
      }
      return v;
    }

    void get(byte[] out) {
      int done = 0;
      while (done < out.length) {
        if (at == limit) {
          fill();
        }
        int n = Math.min(out.length - done, limit - at);
        System.arraycopy(buffer, at, out, done, n);
        at += n;
        done += n;
      }
    }

    private byte getByte() {
      if (at == limit) {
        fill();
      }
      return buffer[at++];
    }

    private void fill() {
      long left = memory.sizeInBytes() - next;
      if (left <= 0) {
        throw new CorruptedStructureException(
            "a heap snapshot runs past its memory's end at byte " + next);
      }
      limit = (int) Math.min(CHUNK, left);
      memory.read(next, buffer, 0, limit);
      next += limit;
      at = 0;
    }
  }
}
