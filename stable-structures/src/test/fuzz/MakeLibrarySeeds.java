import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.btreeset.StableBTreeSet;
import dev.stablestructures.cell.StableCell;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.log.StableLog;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.minheap.StableMinHeap;
import dev.stablestructures.vec.StableVec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes small seed images made by the library itself (byte-compatible with the crate, as the
 * vector tests check), beside the published slices that make-seeds.py writes: a published B-tree
 * is too large to fuzz quickly, and a slice of it points past its own end. Each is named
 * seed-library-*. Run from the repository root after a build:
 *   java -cp stable-structures/target/classes stable-structures/src/test/fuzz/MakeLibrarySeeds.java
 */
public final class MakeLibrarySeeds {
  private static final Path OUT =
      Path.of("stable-structures/src/test/resources/dev/stablestructures/fuzz");

  public static void main(String[] args) throws IOException {
    HeapMemory m = new HeapMemory();
    StableBTreeMap<Long, Long> u64 = StableBTreeMap.init(m, Codecs.u64(), Codecs.u64());
    for (long i = 0; i < 40; i++) {
      u64.insert(i * 7, i * 1_000_003);
    }
    for (long i = 0; i < 40; i += 3) {
      u64.remove(i * 7);
    }
    write("BTreeMapU64FuzzTest", "loadAndOperate", "library-40-inserts-14-removes", m);

    m = new HeapMemory();
    StableBTreeMap<byte[], byte[]> bytes = StableBTreeMap.init(m, Codecs.bytes(), Codecs.bytes());
    for (int i = 0; i < 24; i++) {
      byte[] value = new byte[i % 6 == 0 ? 2_500 : i];
      Arrays.fill(value, (byte) i);
      bytes.insert(("k" + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII), value);
    }
    bytes.remove("k6".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    write("BTreeMapBytesFuzzTest", "loadAndOperate", "library-24-entries-overflow-values", m);

    m = new HeapMemory();
    StableBTreeMap<byte[], byte[]> blob = StableBTreeMap.init(m, Codecs.blob(10), Codecs.blob(10));
    for (int i = 0; i < 30; i++) {
      blob.insert(new byte[] {(byte) i, 1}, new byte[] {(byte) i});
    }
    write("BTreeMapBlobFuzzTest", "loadAndOperate", "library-v2-30-entries", m);

    m = new HeapMemory();
    StableBTreeSet<Integer> set = StableBTreeSet.init(m, Codecs.u32());
    for (int i = 0; i < 60; i++) {
      set.add(i * 13);
    }
    for (int i = 0; i < 60; i += 4) {
      set.remove(i * 13);
    }
    write("BTreeSetFuzzTest", "loadAndOperate", "library-60-adds-15-removes", m);

    m = new HeapMemory();
    StableVec<byte[]> vec = StableVec.init(m, Codecs.blob(300));
    for (int i = 0; i < 10; i++) {
      vec.push(new byte[i * 30]);
    }
    write("VecFuzzTest", "blob300", "library-10-elements", m);

    HeapMemory index = new HeapMemory();
    HeapMemory data = new HeapMemory();
    StableLog<byte[]> log = StableLog.init(index, data, Codecs.bytes());
    for (int i = 0; i < 12; i++) {
      log.append(new byte[i * 5]);
    }
    byte[] indexBytes = trim(index.toByteArray());
    byte[] dataBytes = trim(data.toByteArray());
    byte[] framed = new byte[2 + indexBytes.length + dataBytes.length];
    framed[0] = (byte) (indexBytes.length >>> 8);
    framed[1] = (byte) indexBytes.length;
    System.arraycopy(indexBytes, 0, framed, 2, indexBytes.length);
    System.arraycopy(dataBytes, 0, framed, 2 + indexBytes.length, dataBytes.length);
    write("LogFuzzTest", "loadAndOperate", "library-12-entries", framed);

    HeapMemory base = new HeapMemory();
    MemoryManager manager = MemoryManager.init(base, 1);
    StableBTreeMap<Long, Long> m0 = StableBTreeMap.init(manager.get(0), Codecs.u64(), Codecs.u64());
    for (long i = 0; i < 20; i++) {
      m0.insert(i, i);
    }
    StableVec<Long> v2 = StableVec.init(manager.get(2), Codecs.u64());
    for (long i = 0; i < 10; i++) {
      v2.push(i);
    }
    StableCell.init(manager.get(3), Codecs.string(), "cell");
    StableLog<byte[]> l = StableLog.init(manager.get(4), manager.get(5), Codecs.bytes());
    l.append(new byte[] {1, 2, 3});
    StableMinHeap<Long> h = StableMinHeap.init(manager.get(6), Codecs.u64());
    h.push(5L);
    h.push(2L);
    StableBTreeSet<Integer> s = StableBTreeSet.init(manager.get(254), Codecs.u32());
    s.add(1);
    s.add(99);
    write("MemoryManagerFuzzTest", "loadAndOpenEach", "library-one-page-buckets", sparse(base));
  }

  private static void write(String target, String method, String name, Memory memory)
      throws IOException {
    write(target, method, name, trim(((HeapMemory) memory).toByteArray()));
  }

  private static void write(String target, String method, String name, byte[] bytes)
      throws IOException {
    Path dir = OUT.resolve(target + "Inputs").resolve(method);
    Files.createDirectories(dir);
    Files.write(dir.resolve("seed-" + name), bytes);
  }

  /** The MemoryManager target's framing (FuzzMemories): a chunk per page's non-zero prefix. */
  private static byte[] sparse(HeapMemory memory) {
    byte[] image = memory.toByteArray();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int start = 0; start < image.length; start += Memory.PAGE_SIZE) {
      byte[] page = trim(Arrays.copyOfRange(image, start, start + Memory.PAGE_SIZE));
      if (page.length == 1 && page[0] == 0) {
        continue;
      }
      for (int at = 0; at < page.length; at += 0xFFFF) {
        int n = Math.min(0xFFFF, page.length - at);
        int offset = start + at;
        out.write(offset >>> 24);
        out.write(offset >>> 16);
        out.write(offset >>> 8);
        out.write(offset);
        out.write(n >>> 8);
        out.write(n);
        out.write(page, at, n);
      }
    }
    return out.toByteArray();
  }

  private static byte[] trim(byte[] b) {
    int n = b.length;
    while (n > 1 && b[n - 1] == 0) {
      n--;
    }
    return Arrays.copyOf(b, n);
  }
}
