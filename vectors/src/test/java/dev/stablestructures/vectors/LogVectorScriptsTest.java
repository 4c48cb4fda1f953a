package dev.stablestructures.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.codec.Codecs;
import dev.stablestructures.log.StableLog;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code log-bytes} script on its own, against the crate's published {@code log-bytes-index}
 * and {@code log-bytes-data} images (VectorScriptsTest runs it too, among all registered scripts;
 * this test names it, so a lost registration or a skipped image cannot pass unnoticed).
 */
class LogVectorScriptsTest {
  private static final VectorScript SCRIPT = LogVectorScripts.LOG_BYTES;

  @Test
  void isRegistered() {
    assertSame(SCRIPT, VectorScripts.byName("log-bytes").orElseThrow());
    assertEquals(List.of("log-bytes-index", "log-bytes-data"), SCRIPT.images());
  }

  @Test
  void replayWritesThePublishedBytes() {
    Map<String, Memory> written = SCRIPT.replay(PublishedVectors.SEED, PublishedVectors.N);
    assertEquals(SCRIPT.images(), List.copyOf(written.keySet()), "images in order");
    Map<String, Long> manifest = PublishedVectors.manifest();
    for (String image : SCRIPT.images()) {
      byte[] published = PublishedVectors.read(image);
      assertEquals(manifest.get(image + ".bin.gz"), (long) published.length, image);
      byte[] ours = Memories.toByteArray(written.get(image));
      assertEquals(published.length / Memory.PAGE_SIZE, ours.length / Memory.PAGE_SIZE, image);
      assertArrayEquals(published, ours, image);
    }
    assertEquals(1, written.get("log-bytes-index").size());
    assertEquals(8, written.get("log-bytes-data").size());
  }

  @Test
  void checkReadsThePublishedImagesAndNoticesDamage() {
    Map<String, Memory> images = published();
    assertEquals(List.of(), SCRIPT.check(PublishedVectors.SEED, PublishedVectors.N, images));
    StableLog<byte[]> log =
        StableLog.load(images.get("log-bytes-index"), images.get("log-bytes-data"), Codecs.bytes());
    assertEquals(PublishedVectors.N, log.len());
    log.validate();

    List<String> otherN = SCRIPT.check(PublishedVectors.SEED, PublishedVectors.N - 1, images);
    assertTrue(otherN.get(0).contains("count is 5000, expected 4999"), otherN.toString());

    // Flip the last byte of the first non-empty entry after entry 0.
    int entry = 1;
    while (log.entryLength(entry) == 0) {
      entry++;
    }
    Memory data = images.get("log-bytes-data");
    long offset =
        StableLog.HEADER_SIZE + images.get("log-bytes-index").readLongLE(40 + 8L * entry) - 1;
    data.writeByte(offset, (byte) (data.readByte(offset) + 1));
    List<String> flipped = SCRIPT.check(PublishedVectors.SEED, PublishedVectors.N, images);
    assertTrue(
        flipped.get(0).contains("first mismatch at log-bytes entry " + entry + ":"),
        flipped.toString());

    Map<String, Memory> damaged = published();
    damaged.get("log-bytes-index").writeLongLE(32, 1L << 40);
    List<String> unopened = SCRIPT.check(PublishedVectors.SEED, PublishedVectors.N, damaged);
    assertTrue(unopened.get(0).contains("do not open"), unopened.toString());
    assertTrue(unopened.get(0).contains("entry count"), unopened.toString());

    Map<String, Memory> halved = published();
    halved.remove("log-bytes-data");
    assertEquals(
        List.of("image log-bytes-data is missing."),
        SCRIPT.check(PublishedVectors.SEED, PublishedVectors.N, halved));
  }

  @Test
  void anySeedAndSize() {
    long[][] runs = {{0, 0}, {1, 1}, {7, 200}, {-3, 3000}, {123456789, 12_000}};
    for (long[] run : runs) {
      long seed = run[0];
      int n = (int) run[1];
      Map<String, Memory> written = SCRIPT.replay(seed, n);
      assertEquals(List.of(), SCRIPT.check(seed, n, written), "seed " + seed + " n " + n);
      if (n > 0) {
        assertFalse(SCRIPT.check(seed + 1, n, written).isEmpty(), "seed " + seed + " n " + n);
      }
    }
    // n = 12000 entries of up to 199 bytes: the index outgrows its first page.
    assertEquals(2, SCRIPT.replay(5, 12_000).get("log-bytes-index").size());
  }

  private static Map<String, Memory> published() {
    Map<String, Memory> images = new HashMap<>();
    PublishedVectors.readAll(SCRIPT.images())
        .forEach((name, bytes) -> images.put(name, HeapMemory.of(bytes)));
    return images;
  }
}
