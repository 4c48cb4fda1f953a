package dev.stablestructures.memory;

import dev.stablestructures.testing.TestRandom;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A disk under a page cache, for power-loss tests in the way SQLite's crash tests and CrashMonkey
 * work: files live in heap arrays (the page cache, which the memory maps and writes directly), and
 * the disk holds what the last sync of each unit (a 512-byte sector, or a 4 KiB page) left. Between
 * syncs the OS may write any dirty unit back at any moment, in any order, so a unit's content after
 * a power cut is any version it had since its last sync: the disk keeps them, sampled at every file
 * operation and at every {@link #point()} the test adds.
 *
 * <p>{@link #crashState} draws one such state: everything synced, plus for each unsynced unit a
 * random one of its versions (the old one, the newest, or one in between), and a length the file
 * had since its last sync. With {@link #dropSyncs} the syncs do nothing, as if the memory never
 * called them: the test's proof that it can fail.
 */
final class SimulatedDisk implements FileIo {
  private final int unit;
  private final int capacity;
  private final Map<String, SimFile> files = new LinkedHashMap<>();

  /** When set, syncs are ignored: every sync, or only those of the file {@link #dropOnly} names. */
  boolean dropSyncs;

  /** The one file whose syncs {@link #dropSyncs} drops, or null for all. */
  String dropOnly;

  /** Called at every point, before the operation; the test checks crash states there. */
  Runnable listener = () -> {};

  int points;
  int syncs;

  /** Whether points sample versions (a disk only recovered from needs no history). */
  private boolean recording = true;

  SimulatedDisk(int unit, int capacity) {
    this.unit = unit;
    this.capacity = capacity;
  }

  /** A disk holding the given files' bytes, all synced. */
  static SimulatedDisk of(int unit, int capacity, Map<String, byte[]> contents) {
    int largest = 0;
    for (byte[] bytes : contents.values()) {
      largest = Math.max(largest, bytes.length);
    }
    SimulatedDisk disk = new SimulatedDisk(unit, Math.max(capacity, largest));
    disk.recording = false;
    for (Map.Entry<String, byte[]> e : contents.entrySet()) {
      SimFile f = disk.file(e.getKey());
      byte[] bytes = e.getValue();
      System.arraycopy(bytes, 0, f.cache, 0, bytes.length);
      System.arraycopy(bytes, 0, f.durable, 0, bytes.length);
      f.length = bytes.length;
      f.durableLength = bytes.length;
    }
    return disk;
  }

  private SimFile file(String name) {
    return files.computeIfAbsent(name, n -> new SimFile());
  }

  /** Returns a file's current (page cache) bytes. */
  byte[] current(String name) {
    SimFile f = files.get(name);
    return f == null ? new byte[0] : Arrays.copyOf(f.cache, (int) f.length);
  }

  /** A moment the test wants crash states drawn at: samples every file, then calls the listener. */
  void point() {
    points++;
    if (!recording) {
      return;
    }
    for (SimFile f : files.values()) {
      f.sample();
    }
    listener.run();
  }

  /** The state a killed process leaves at this moment: the page cache, every write in it. */
  Map<String, byte[]> killState() {
    Map<String, byte[]> state = new HashMap<>();
    for (String name : files.keySet()) {
      state.put(name, current(name));
    }
    return state;
  }

  /** Draws a state a power cut at this moment could leave: file name to bytes. */
  Map<String, byte[]> crashState(TestRandom r) {
    Map<String, byte[]> state = new HashMap<>();
    for (Map.Entry<String, SimFile> e : files.entrySet()) {
      state.put(e.getKey(), e.getValue().crash(r));
    }
    return state;
  }

  @Override
  public IoFile open(Path path, RandomAccessFile descriptor) {
    String name = path.getFileName().toString();
    SimFile f = file(name);
    return new IoFile() {
      private boolean dropped() {
        return dropSyncs && (dropOnly == null || dropOnly.equals(name));
      }

      @Override
      public long length() {
        return f.length;
      }

      @Override
      public void setLength(long length) throws IOException {
        point();
        f.setLength(length);
      }

      @Override
      public ByteBuffer map(long position, long size) throws IOException {
        point();
        if (position + size > f.length) {
          f.setLength(position + size); // as FileChannel.map extends a file in READ_WRITE mode
        }
        return ByteBuffer.wrap(f.cache, (int) position, (int) size).slice();
      }

      @Override
      public void force(ByteBuffer mapping) {
        point();
        if (!dropped()) {
          syncs++;
          f.syncRange(mapping.arrayOffset(), mapping.capacity());
        }
      }

      @Override
      public void sync(boolean metadata) {
        point();
        if (!dropped()) {
          syncs++;
          f.syncRange(0, f.length);
          f.durableLength = f.length;
          f.lengths.clear();
        }
      }
    };
  }

  @Override
  public void syncDirectory(Path directory) {
    point();
  }

  /** One file: its page cache, its disk, and the versions of each unit since its last sync. */
  private final class SimFile {
    final byte[] cache = new byte[capacity];
    final byte[] durable = new byte[capacity];
    long length;
    long durableLength;
    final List<Long> lengths = new ArrayList<>();
    // Unit index -> versions since the last sync, oldest first (the durable one not included).
    final Map<Integer, List<byte[]>> versions = new HashMap<>();

    void setLength(long newLength) throws IOException {
      if (newLength > capacity) {
        throw new IOException("simulated disk full: " + newLength + " > " + capacity);
      }
      if (newLength < length) {
        Arrays.fill(cache, (int) newLength, (int) length, (byte) 0);
      }
      length = newLength;
      lengths.add(newLength);
    }

    /** Records the units whose cache differs from their last recorded version. */
    void sample() {
      int end = (int) Math.max(length, durableLength);
      for (int from = 0; from < end; from += unit) {
        List<byte[]> list = versions.get(from / unit);
        byte[] last = list == null ? null : list.get(list.size() - 1);
        boolean differs =
            last == null
                ? Arrays.mismatch(cache, from, from + unit, durable, from, from + unit) >= 0
                : Arrays.mismatch(cache, from, from + unit, last, 0, unit) >= 0;
        if (differs) {
          versions
              .computeIfAbsent(from / unit, k -> new ArrayList<>())
              .add(Arrays.copyOfRange(cache, from, from + unit));
        }
      }
    }

    void syncRange(long from, long n) {
      int first = (int) (from / unit);
      int last = (int) ((from + n + unit - 1) / unit);
      for (int u = first; u < last; u++) {
        int at = u * unit;
        System.arraycopy(cache, at, durable, at, Math.min(unit, capacity - at));
        versions.remove(u);
      }
    }

    byte[] crash(TestRandom r) {
      sample();
      long chosen = durableLength;
      if (!lengths.isEmpty() && r.nextBelow(2) == 0) {
        chosen = r.nextBelow(3) == 0 ? length : lengths.get((int) r.nextBelow(lengths.size()));
      }
      int end = (int) Math.max(Math.max(length, durableLength), chosen);
      byte[] disk = Arrays.copyOf(durable, end);
      for (Map.Entry<Integer, List<byte[]>> e : versions.entrySet()) {
        List<byte[]> list = e.getValue();
        int pick = (int) r.nextBelow(3);
        byte[] version =
            switch (pick) {
              case 0 -> null; // not written back
              case 1 -> list.get(list.size() - 1);
              default -> list.get((int) r.nextBelow(list.size()));
            };
        int at = e.getKey() * unit;
        if (version != null && at < end) {
          System.arraycopy(version, 0, disk, at, Math.min(unit, end - at));
        }
      }
      return Arrays.copyOf(disk, (int) chosen);
    }
  }
}
