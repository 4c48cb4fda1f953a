package dev.stablestructures.cli.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.FileMemory;
import dev.stablestructures.vec.StableVec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-GB sparse image: a MemoryManager with 40,000-page buckets, so that memory 1 (a B-tree)
 * starts 2.4 GiB into the file, past every 2 GiB mapping limit. The inspector runs in a child JVM
 * with a 32 MiB heap: it maps the file read-only and never loads it, and dumps the B-tree's entries
 * streaming (50,000 in CI, a million with {@code -Dstable.test.scale=full}). The file costs only
 * its written pages on disk. Hashing 2.4 GiB of holes takes longer than CI allows, so "unchanged"
 * is checked as: the SHA-256 of every region that holds data (page 0 and the two memories' pages),
 * the same length, and the same modification time (any write through a mapping changes it).
 */
class SparseImageTest {
  static final int BUCKET_PAGES = 40_000;

  /** B-tree entries: 50,000 in CI, a million in the documented full run. */
  static final int ENTRIES =
      "full".equals(System.getProperty("stable.test.scale")) ? 1_000_000 : 50_000;

  /** The most pages a memory uses: all of them are fingerprinted. */
  private long used;

  @TempDir Path temp;

  private static String run(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "dev.stablestructures.cli.Main";
    System.arraycopy(args, 0, command, 1, args.length);
    Process child = Cli.child("32m", command);
    try {
      String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child did not exit");
      assertEquals(0, child.exitValue(), String.join(" ", args) + "\n" + output);
      return output;
    } finally {
      child.destroyForcibly();
    }
  }

  /** SHA-256 of the data regions, with the length and modification time. */
  private String fingerprint(Path image) throws IOException {
    java.security.MessageDigest sha;
    try {
      sha = java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    long size = Files.size(image);
    long bucket = (long) BUCKET_PAGES * 65_536L;
    // Page 0 and the used pages of each memory's bucket: all that was written (the
    // manager grows the file by whole buckets, the rest are holes).
    long bytes = used * 65_536L;
    long[][] regions = {{0, 65_536L + bytes}, {65_536L + bucket, 65_536L + bucket + bytes}};
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(image)) {
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 20);
      for (long[] region : regions) {
        long at = region[0];
        while (at < region[1]) {
          buffer.clear().limit((int) Math.min(buffer.capacity(), region[1] - at));
          int n = channel.read(buffer, at);
          buffer.flip();
          sha.update(buffer);
          at += n;
        }
      }
    }
    return java.util.HexFormat.of().formatHex(sha.digest())
        + " "
        + size
        + " "
        + Files.getLastModifiedTime(image).toMillis();
  }

  @Test
  void inspectVerifyAndDumpAMultiGbSparseImageWithA32MibHeap() throws Exception {
    Path image = temp.resolve("stable_memory.bin");
    try (FileMemory file = FileMemory.open(image)) {
      MemoryManager manager = MemoryManager.init(file, BUCKET_PAGES);
      StableVec<Long> vec = StableVec.init(manager.get(0), Codecs.u64());
      StableBTreeMap<Long, Long> map =
          StableBTreeMap.init(manager.get(1), Codecs.u64(), Codecs.u64());
      for (long i = 0; i < ENTRIES; i++) {
        map.put(i, i * i);
      }
      for (long i = 0; i < 3_000; i++) {
        vec.pushLong(i * 3);
      }
      used = Math.max(manager.memorySize(0), manager.memorySize(1));
      assertTrue(used < BUCKET_PAGES, "each memory in one bucket");
    }
    long size = Files.size(image);
    assertTrue(size > (long) BUCKET_PAGES * 65_536L, "multi-GB: " + size);
    Files.delete(image.resolveSibling("stable_memory.bin" + FileMemory.JOURNAL_SUFFIX));
    String before = fingerprint(image);

    String inspect = run("inspect", image.toString());
    assertTrue(inspect.contains("in 1 bucket(s) [1]"), inspect);
    assertTrue(inspect.contains("bucket size (pages) 40000"), inspect);
    assertTrue(inspect.contains("memory 1: StableBTreeMap (magic 'BTR')"), inspect);
    assertTrue(inspect.contains("statistics: entries " + ENTRIES), inspect);

    String verify = run("verify", image.toString(), "--progress");
    assertTrue(verify.contains("memory 1: StableBTreeMap, " + ENTRIES + " entries"), verify);
    assertTrue(verify.contains("verify: everything holds"), verify);

    String dump = run("dump", image.toString(), "--memory", "1", "--key", "u64", "--value", "u64");
    assertTrue(dump.startsWith("index,key,value\n0,0,0\n1,1,1\n2,2,4\n"), dump.substring(0, 60));
    // Every entry streamed by a 32 MiB JVM: the entries are never collected.
    long last = ENTRIES - 1L;
    assertTrue(
        dump.endsWith("\n" + last + "," + last + "," + last * last + "\n"), "the last entry");
    assertEquals(ENTRIES + 1, dump.lines().count());

    assertEquals(before, fingerprint(image), "the image was changed");
    assertTrue(
        !Files.exists(image.resolveSibling("stable_memory.bin" + FileMemory.JOURNAL_SUFFIX)),
        "the read-only inspector created a journal");
  }
}
