package dev.stablestructures.tx;

import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.FileMemory;
import dev.stablestructures.memory.FileMemoryOptions;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.memory.RestrictedMemory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The root memories a {@link TestWorld} is tested on: heap and file memory, with its memories as
 * fixed windows ({@link RestrictedMemory}, no manager) or as a manager's virtual memories, and a
 * memory without a journal of its own under a manager. Each has a small maximum, so that filling a
 * memory ends in a refused grow.
 */
enum TestStores {
  HEAP_WINDOWS,
  HEAP_MANAGER,
  FILE_WINDOWS,
  FILE_MANAGER,
  PLAIN_MANAGER;

  /** Pages a managed root may grow to: the world's start plus some room to refuse. */
  static final long MANAGED_MAX_PAGES = 96;

  /** A manager's bucket: small, so that virtual memories grow often. */
  static final int BUCKET_PAGES = 2;

  private static final AtomicInteger FILES = new AtomicInteger();

  /** One open store: the root memory, the world's memories over it. */
  final class Store implements AutoCloseable {
    final Memory root;
    private final Memory[] memories = new Memory[TestWorld.MEMORIES];
    private final Path file;
    private MemoryManager manager;

    private Store(Memory root, Path file) {
      this.root = root;
      this.file = file;
      if (TestStores.this == HEAP_WINDOWS || TestStores.this == FILE_WINDOWS) {
        long total = Arrays.stream(TestWorld.WINDOW_PAGES).sum();
        if (root.size() < total) {
          root.grow(total - root.size());
        }
        long start = 0;
        for (int i = 0; i < memories.length; i++) {
          memories[i] = new RestrictedMemory(root, start, start + TestWorld.WINDOW_PAGES[i]);
          start += TestWorld.WINDOW_PAGES[i];
        }
      } else {
        manager = MemoryManager.init(root, BUCKET_PAGES);
        for (int i = 0; i < memories.length; i++) {
          memories[i] = manager.get(i);
        }
      }
    }

    /** The world's memory {@code id}; with a manager, any of its 255. */
    Memory memory(int id) {
      return manager != null ? manager.get(id) : memories[id];
    }

    /** The bytes of the root memory. */
    byte[] image() {
      return Memories.toByteArray(root);
    }

    /** Closes this store and opens it again from its image (its file, or its bytes). */
    Store reopen() {
      byte[] image = image();
      close();
      return open(file, image);
    }

    @Override
    public void close() {
      if (root instanceof FileMemory f) {
        f.close();
      }
    }
  }

  boolean isFile() {
    return this == FILE_WINDOWS || this == FILE_MANAGER;
  }

  /** Opens a new, empty store; files go in {@code dir}. */
  Store open(Path dir) {
    Path file = isFile() ? dir.resolve("store" + FILES.incrementAndGet() + ".bin") : null;
    return open(file, null);
  }

  private Store open(Path file, byte[] image) {
    long max =
        this == HEAP_WINDOWS || this == FILE_WINDOWS
            ? Arrays.stream(TestWorld.WINDOW_PAGES).sum()
            : MANAGED_MAX_PAGES;
    Memory root =
        switch (this) {
          case HEAP_WINDOWS, HEAP_MANAGER -> heap(max, image);
          case FILE_WINDOWS, FILE_MANAGER ->
              FileMemory.open(file, FileMemoryOptions.defaults().maxPages(max));
          case PLAIN_MANAGER -> PlainMemory.of(max, image);
        };
    return new Store(root, file);
  }

  private static HeapMemory heap(long max, byte[] image) {
    HeapMemory memory = new HeapMemory(max);
    if (image != null) {
      memory.grow(image.length / Memory.PAGE_SIZE);
      memory.write(0, image);
    }
    return memory;
  }

  /** A memory written by hand, with no journal: the manager gives it one. */
  static final class PlainMemory implements Memory {
    private final long maxPages;
    private byte[] bytes = new byte[0];

    private PlainMemory(long maxPages) {
      this.maxPages = maxPages;
    }

    static PlainMemory of(long maxPages, byte[] image) {
      PlainMemory memory = new PlainMemory(maxPages);
      if (image != null) {
        memory.bytes = image.clone();
      }
      return memory;
    }

    @Override
    public long size() {
      return bytes.length / PAGE_SIZE;
    }

    @Override
    public long grow(long pages) {
      long old = size();
      if (pages > maxPages - old) {
        return -1;
      }
      bytes = Arrays.copyOf(bytes, (int) ((old + pages) * PAGE_SIZE));
      return old;
    }

    @Override
    public void read(long offset, byte[] dst, int dstOffset, int length) {
      Memories.checkBounds(this, offset, length);
      System.arraycopy(bytes, (int) offset, dst, dstOffset, length);
    }

    @Override
    public void write(long offset, byte[] src, int srcOffset, int length) {
      Memories.checkBounds(this, offset, length);
      System.arraycopy(src, srcOffset, bytes, (int) offset, length);
    }
  }
}
