package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.stablestructures.MemoryOutOfBoundsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random sequences of grows, byte-range writes and reads, and primitive writes and reads of
 * every width and byte order, run against each memory and a model (a growable byte array). Offsets
 * cluster around chunk and page boundaries (including FileMemory's real 64 MiB boundary) and the
 * memory's end, and a share of them fall outside it. After each sequence the whole image must equal
 * the model's, and file memories must give the same image when reopened.
 *
 * <p>{@code stable.test.scale=ci} runs about 24k operations; {@code full} about 3.4M.
 */
class MemoryModelPropertyTest {
  static final boolean FULL = "full".equals(System.getProperty("stable.test.scale"));
  static final int PAGE = Memory.PAGE_SIZE;
  static final long CHUNK = 1L << FileMemory.CHUNK_SHIFT;

  @TempDir Path dir;
  private int files;

  /** The reference: a byte array holding the whole address space up to the maximum. */
  static final class Model {
    final long maxPages;
    final byte[] bytes;
    long pages;

    Model(long maxPages, byte[] initial) {
      this.maxPages = maxPages;
      this.bytes = Arrays.copyOf(initial, Math.toIntExact(maxPages * PAGE));
      this.pages = initial.length / PAGE;
    }

    long sizeInBytes() {
      return pages * PAGE;
    }

    long grow(long delta) {
      if (delta > maxPages - pages) {
        return -1;
      }
      long previous = pages;
      pages += delta;
      return previous;
    }

    boolean inBounds(long offset, long length) {
      return offset >= 0 && length >= 0 && offset <= sizeInBytes() - length;
    }

    long read(Kind kind, long offset) {
      long value = 0;
      for (int i = 0; i < kind.width; i++) {
        int shift = 8 * (kind.bigEndian ? kind.width - 1 - i : i);
        value |= (bytes[(int) offset + i] & 0xFFL) << shift;
      }
      return value;
    }

    void write(Kind kind, long offset, long value) {
      for (int i = 0; i < kind.width; i++) {
        int shift = 8 * (kind.bigEndian ? kind.width - 1 - i : i);
        bytes[(int) offset + i] = (byte) (value >>> shift);
      }
    }
  }

  /** Every primitive accessor, with reads widened to the unsigned value of their bytes. */
  enum Kind {
    BYTE(1, false),
    SHORT_LE(2, false),
    INT_LE(4, false),
    LONG_LE(8, false),
    INT_BE(4, true),
    LONG_BE(8, true);

    final int width;
    final boolean bigEndian;

    Kind(int width, boolean bigEndian) {
      this.width = width;
      this.bigEndian = bigEndian;
    }

    long read(Memory memory, long offset) {
      return switch (this) {
        case BYTE -> memory.readByte(offset) & 0xFFL;
        case SHORT_LE -> memory.readShortLE(offset); // must already be unsigned
        case INT_LE -> memory.readIntLE(offset) & 0xFFFFFFFFL;
        case LONG_LE -> memory.readLongLE(offset);
        case INT_BE -> memory.readIntBE(offset) & 0xFFFFFFFFL;
        case LONG_BE -> memory.readLongBE(offset);
      };
    }

    void write(Memory memory, long offset, long value) {
      switch (this) {
        case BYTE -> memory.writeByte(offset, (byte) value);
        case SHORT_LE ->
            memory.writeShortLE(offset, (int) value); // high bits set: only the low 16 count
        case INT_LE -> memory.writeIntLE(offset, (int) value);
        case LONG_LE -> memory.writeLongLE(offset, value);
        case INT_BE -> memory.writeIntBE(offset, (int) value);
        case LONG_BE -> memory.writeLongBE(offset, value);
      }
    }
  }

  /** A memory under test, its starting content, where its boundaries lie, and its last checks. */
  interface Subject {
    Memory memory();

    /** The memory's content when the sequence starts. */
    byte[] initial();

    /** Offsets (in the memory's own addresses) worth hitting: chunk boundaries. */
    long[] hotspots();

    /** Granules whose multiples are worth hitting: chunk and page sizes. */
    long[] grains();

    /** Checks after the sequence, given the model's final image, then releases everything. */
    void finish(byte[] image) throws IOException;
  }

  @SuppressWarnings("ArrayRecordComponent") // never compared or hashed: only read
  record Plain(Memory memory, long[] hotspots, long[] grains) implements Subject {
    @Override
    public byte[] initial() {
      return new byte[0];
    }

    @Override
    public void finish(byte[] image) {}
  }

  /** A file memory: checks the file length and that a reopen gives the same image. */
  final class FileSubject implements Subject {
    final Path path;
    final long maxPages;
    final int chunkShift;
    final FileMemory memory;

    FileSubject(long maxPages, int chunkShift) {
      this.path = dir.resolve("memory-" + files++ + ".bin");
      this.maxPages = maxPages;
      this.chunkShift = chunkShift;
      this.memory = FileMemory.open(path, maxPages, chunkShift, FileIo.SYSTEM);
    }

    @Override
    public Memory memory() {
      return memory;
    }

    @Override
    public byte[] initial() {
      return new byte[0];
    }

    @Override
    public long[] hotspots() {
      return new long[] {CHUNK};
    }

    @Override
    public long[] grains() {
      return new long[] {1L << chunkShift, PAGE};
    }

    @Override
    public void finish(byte[] image) throws IOException {
      assertEquals(image.length, Files.size(path), "file length");
      memory.close();
      try (FileMemory reopened = FileMemory.open(path, maxPages, chunkShift, FileIo.SYSTEM)) {
        assertImage(image, reopened, "after reopen");
      }
      Files.delete(path);
    }
  }

  /**
   * A window [start, start + maxPages) over a base that already holds {@code basePages} random
   * pages; the base's pages before the window must never change.
   */
  static final class WindowSubject implements Subject {
    final Memory base;
    final RestrictedMemory window;
    final byte[] before;
    final byte[] initial;
    final long start;
    final long[] hotspots;
    final Runnable close;

    WindowSubject(Memory base, long start, long maxPages, long basePages, Runnable close) {
      this.base = base;
      this.start = start;
      this.close = close;
      base.grow(basePages);
      byte[] content = new byte[Math.toIntExact(basePages * PAGE)];
      new Random(basePages).nextBytes(content);
      base.write(0, content);
      int startByte = (int) Math.min(content.length, start * PAGE);
      this.before = Arrays.copyOf(content, startByte);
      this.initial = Arrays.copyOfRange(content, startByte, content.length);
      this.window = new RestrictedMemory(base, start, start + maxPages);
      // The base's chunk boundary, seen from inside the window.
      this.hotspots = new long[] {CHUNK - start * PAGE};
    }

    @Override
    public Memory memory() {
      return window;
    }

    @Override
    public byte[] initial() {
      return initial;
    }

    @Override
    public long[] hotspots() {
      return hotspots;
    }

    @Override
    public long[] grains() {
      return new long[] {4096, PAGE};
    }

    @Override
    public void finish(byte[] image) {
      assertArrayEquals(before, base.readBytes(0, before.length), "base before the window");
      long end = Math.max(base.sizeInBytes(), start * PAGE);
      assertEquals(start * PAGE + image.length, end, "base size");
      close.run();
    }
  }

  static void assertImage(byte[] expected, Memory memory, String when) {
    assertEquals(expected.length, memory.sizeInBytes(), "size " + when);
    int piece = 1 << 20;
    for (int from = 0; from < expected.length; from += piece) {
      int length = Math.min(piece, expected.length - from);
      byte[] actual = memory.readBytes(from, length);
      if (!Arrays.equals(expected, from, from + length, actual, 0, length)) {
        int i = Arrays.mismatch(expected, from, from + length, actual, 0, length);
        fail("image differs " + when + " at byte " + (from + i));
      }
    }
  }

  /** Picks an offset for an access of {@code width} bytes: mostly near boundaries, some outside. */
  static long offset(Random random, long size, int width, Subject subject) {
    int roll = random.nextInt(100);
    if (roll < 10) {
      return switch (random.nextInt(4)) {
        case 0 -> -1 - random.nextInt(8);
        case 1 -> size - width + 1 + random.nextInt(8);
        case 2 -> Long.MAX_VALUE - random.nextInt(16);
        default -> Long.MIN_VALUE + random.nextInt(16);
      };
    }
    long anchor;
    if (roll < 25) {
      long[] hotspots = subject.hotspots();
      anchor = hotspots[random.nextInt(hotspots.length)];
    } else if (roll < 60) {
      long[] grains = subject.grains();
      long grain = grains[random.nextInt(grains.length)];
      anchor = grain * (long) random.nextInt((int) Math.min(1 << 20, size / grain + 1));
    } else if (roll < 65) {
      anchor = size;
    } else {
      return size == 0 ? 0 : Math.floorMod(random.nextLong(), size);
    }
    return anchor - width + random.nextInt(2 * width + 1);
  }

  static int length(Random random) {
    int roll = random.nextInt(100);
    if (roll < 60) {
      return random.nextInt(65);
    }
    if (roll < 95) {
      return random.nextInt(3 * 4096 + 100);
    }
    return random.nextInt(3 * PAGE);
  }

  static void run(Subject subject, long maxPages, long firstGrow, long seed, int steps)
      throws IOException {
    Memory memory = subject.memory();
    Model model = new Model(maxPages, subject.initial());
    Random random = new Random(seed);
    assertEquals(model.pages, memory.size(), "initial size");
    if (firstGrow > 0) {
      assertEquals(model.grow(firstGrow), memory.grow(firstGrow), "first grow");
    }
    for (int step = 0; step < steps; step++) {
      long size = model.sizeInBytes();
      int op = random.nextInt(100);
      if (op < 4) {
        long delta;
        int how = random.nextInt(4);
        if (how == 0) {
          delta = 0;
        } else if (how < 3) {
          delta = 1L + random.nextInt(3);
        } else {
          delta = random.nextInt((int) (maxPages - model.pages + 3));
        }
        String what = "step " + step + ": grow(" + delta + ")";
        assertEquals(model.grow(delta), memory.grow(delta), what);
        assertEquals(model.pages, memory.size(), what);
      } else if (op < 19) {
        int length = length(random);
        long offset = offset(random, size, length, subject);
        byte[] data = new byte[length];
        random.nextBytes(data);
        if (model.inBounds(offset, length)) {
          memory.write(offset, data);
          System.arraycopy(data, 0, model.bytes, (int) offset, length);
        } else {
          assertThrows(
              MemoryOutOfBoundsException.class,
              () -> memory.write(offset, data),
              "step " + step + ": write " + length + " at " + offset);
        }
      } else if (op < 34) {
        int length = length(random);
        long offset = offset(random, size, length, subject);
        String what = "step " + step + ": read " + length + " at " + offset;
        if (model.inBounds(offset, length)) {
          byte[] expected = Arrays.copyOfRange(model.bytes, (int) offset, (int) offset + length);
          assertArrayEquals(expected, memory.readBytes(offset, length), what);
        } else {
          assertThrows(
              MemoryOutOfBoundsException.class, () -> memory.readBytes(offset, length), what);
        }
      } else {
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        long offset = offset(random, size, kind.width, subject);
        boolean write = op < 67;
        String what = "step " + step + ": " + (write ? "write " : "read ") + kind + " at " + offset;
        if (!model.inBounds(offset, kind.width)) {
          long value = random.nextLong();
          assertThrows(
              MemoryOutOfBoundsException.class,
              () -> {
                if (write) {
                  kind.write(memory, offset, value);
                } else {
                  kind.read(memory, offset);
                }
              },
              what);
        } else if (write) {
          long value = random.nextLong();
          kind.write(memory, offset, value);
          model.write(kind, offset, value);
        } else {
          assertEquals(model.read(kind, offset), kind.read(memory, offset), what);
        }
      }
    }
    byte[] image = Arrays.copyOf(model.bytes, Math.toIntExact(model.sizeInBytes()));
    assertImage(image, memory, "at the end");
    subject.finish(image);
  }

  interface SubjectFactory {
    Subject create();
  }

  record Case(String name, SubjectFactory factory) {}

  Stream<DynamicTest> tests(List<Case> cases, long maxPages, long firstGrow, int seeds, int steps) {
    List<DynamicTest> tests = new ArrayList<>();
    for (Case c : cases) {
      for (int seed = 1; seed <= seeds; seed++) {
        long s = seed * 1_000_003L + c.name().hashCode();
        tests.add(
            DynamicTest.dynamicTest(
                c.name() + ", seed " + s,
                () -> run(c.factory().create(), maxPages, firstGrow, s, steps)));
      }
    }
    return tests.stream();
  }

  /** Small memories (up to 40 pages) of every kind, with 4 KiB to 64 MiB file chunks. */
  @TestFactory
  Stream<DynamicTest> smallMemoriesMatchTheModel() {
    long max = 40;
    long[] pageGrains = {4096, PAGE};
    List<Case> cases =
        List.of(
            new Case("heap", () -> new Plain(new HeapMemory(max), new long[] {0}, pageGrains)),
            new Case("file, 4 KiB chunks", () -> new FileSubject(max, 12)),
            new Case("file, 64 KiB chunks", () -> new FileSubject(max, 16)),
            new Case("file, 64 MiB chunks", () -> new FileSubject(max, FileMemory.CHUNK_SHIFT)),
            new Case(
                "window over heap, base below start",
                () -> new WindowSubject(new HeapMemory(), 3, max, 1, () -> {})),
            new Case(
                "window over file (16 KiB chunks), base inside",
                () -> {
                  FileSubject base = new FileSubject(100, 14);
                  return new WindowSubject(base.memory, 3, max, 5, base.memory::close);
                }));
    return tests(cases, max, 0, FULL ? 100 : 5, FULL ? 5000 : 700);
  }

  /**
   * Memories larger than one 64 MiB chunk (sparse files), with accesses clustered at the real chunk
   * boundary: directly, and through a window one page in, so the boundary sits inside its pages.
   */
  @TestFactory
  Stream<DynamicTest> filesPastTheRealChunkBoundaryMatchTheModel() {
    long max = 1100;
    long first = CHUNK / PAGE + 2;
    List<Case> cases =
        List.of(
            new Case("file, 64 MiB chunks", () -> new FileSubject(max, FileMemory.CHUNK_SHIFT)),
            new Case(
                "window one page into a file",
                () -> {
                  FileSubject base = new FileSubject(max + 1, FileMemory.CHUNK_SHIFT);
                  return new WindowSubject(base.memory, 1, max, 0, base.memory::close);
                }));
    return tests(cases, max, first, FULL ? 10 : 1, FULL ? 20_000 : 1500);
  }
}
