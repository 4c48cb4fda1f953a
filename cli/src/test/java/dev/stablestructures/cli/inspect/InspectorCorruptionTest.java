package dev.stablestructures.cli.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify and inspect on corrupted copies of the published images: a header field, node bytes, a
 * slot, the manager's bucket table. Each gives exit code 1 and a report naming memory, structure,
 * address, field, expected and found, never a stack trace; the copy is unchanged afterwards.
 */
class InspectorCorruptionTest {
  @TempDir Path temp;

  private final Cli cli = new Cli();

  /** An unpacked copy of a published image with {@code bytes} written at {@code offset}. */
  private Path corrupted(String name, long offset, byte... bytes) throws IOException {
    byte[] image;
    try (InputStream in =
        new GZIPInputStream(Files.newInputStream(Cli.published().resolve(name + ".bin.gz")))) {
      image = in.readAllBytes();
    }
    System.arraycopy(bytes, 0, image, (int) offset, bytes.length);
    Path copy = temp.resolve(name + "-" + offset + ".bin");
    Files.write(copy, image);
    return copy;
  }

  private static byte[] le(long value, int width) {
    ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
    byte[] out = new byte[width];
    System.arraycopy(b.array(), 0, out, 0, width);
    return out;
  }

  /** Runs verify and inspect on a copy; both exit 1 with every fragment; the copy unchanged. */
  private void damaged(Path copy, String... fragments) throws IOException {
    String before = Cli.sha256(copy);
    assertEquals(1, cli.run("verify", copy.toString()), cli.both());
    for (String fragment : fragments) {
      assertTrue(cli.out().contains(fragment), "lacks: " + fragment + "\n" + cli.both());
    }
    assertTrue(cli.out().contains("verify: DAMAGED"), cli.both());
    assertEquals(1, cli.run("verify", copy.toString(), "--format", "json"), cli.both());
    assertTrue(cli.out().contains("\"ok\": false"), cli.both());
    for (String key : new String[] {"memory", "structure", "address", "field", "expected"}) {
      assertTrue(cli.out().contains("\"" + key + "\": "), cli.both());
    }
    cli.run("inspect", copy.toString());
    assertTrue(cli.out().contains("finding(s)"), cli.both());
    assertEquals(before, Cli.sha256(copy), "the corrupted copy was changed");
  }

  @Test
  void aBTreeHeaderFieldOfTheEntryCount() throws IOException {
    damaged(
        corrupted("btreemap-u64-u64", 20, le(2600, 8)),
        "the image, StableBTreeMap at address 20, length: expected 2564",
        "found 2600");
  }

  @Test
  void nodeBytesOfTheBTreesRoot() throws IOException {
    // The root (at 28634) claims 7 entries instead of its own count: its children move.
    damaged(
        corrupted("btreemap-u64-u64", 28634 + 5, le(7, 2)),
        "StableBTreeMap at address 28634, child ",
        "expected a chunk's data address inside the memory");
  }

  @Test
  void aVectorSlotLongerThanItsBound() throws IOException {
    damaged(
        corrupted("vec-blob300", 64, le(999, 2)),
        "StableVec at address 64, element 0: expected an encoding within the bound",
        "claims 999 bytes, more than the max size 300");
  }

  @Test
  void aCellHeaderFieldPastTheMemory() throws IOException {
    damaged(
        corrupted("cell-string", 4, le(100_000_000, 4)),
        "the image, StableCell at address 0",
        "Cell value length 100000000 reaches past the end of its memory of 65536 bytes");
  }

  @Test
  void theManagersBucketTable() throws IOException {
    // Bucket 7 (memory 254's) given to memory 3, and then marked free.
    damaged(
        corrupted("canister-memory-manager", 2080 + 7, (byte) 3),
        "MemoryManager at address 0",
        "memory 3 is 1 pages long and needs 1 buckets, but owns 2");
    damaged(
        corrupted("canister-memory-manager", 2080 + 7, (byte) 0xFF),
        "bucket 7 is marked free but 8 buckets are allocated");
  }

  @Test
  void aStructureInsideTheManagerImage() throws IOException {
    // Memory 2 (the vector, bucket 2 at 64 KiB + 2 * 128 pages) claims more elements than fit.
    long vec = 65_536L + 2 * 128 * 65_536L;
    damaged(
        corrupted("canister-memory-manager", vec + 4, le(1L << 40, 8)),
        "memory 2, StableVec at address 0",
        "length 1099511627776 does not fit its memory of 65536 bytes");
    assertTrue(cli.out().contains("memory 254: StableBTreeSet"), "the rest is still checked");
  }
}
