package dev.stablestructures.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the generic script tests cannot show for the V1 migration script: that the start image the
 * library rebuilds is the crate's own dump, and that starting from the dump file itself gives the
 * same published image.
 */
class BTreeVectorTest {
  private static final String V1_MIGRATED = "btreemap-v1-migrated";

  @Test
  void rebuiltV1StartImageIsTheCratesDump() {
    VectorScriptsTest.assertSameBytes(
        "btreemap_v1_packed_headers.dump",
        PublishedVectors.referenceRepo("btreemap_v1_packed_headers.dump"),
        Memories.toByteArray(BTreeVectorScripts.v1StartImage()));
  }

  @Test
  void migrationFromTheDumpFileWritesThePublishedImage() {
    VectorScript fromDump =
        BTreeVectorScripts.v1Migrated(
            PublishedVectors.referenceRepo("btreemap_v1_packed_headers.dump"));
    Memory written = fromDump.replay(PublishedVectors.SEED, PublishedVectors.N).get(V1_MIGRATED);
    VectorScriptsTest.assertSameBytes(
        V1_MIGRATED, PublishedVectors.read(V1_MIGRATED), Memories.toByteArray(written));
    Memory published = HeapMemory.of(PublishedVectors.read(V1_MIGRATED));
    assertEquals(
        List.of(),
        fromDump.check(PublishedVectors.SEED, PublishedVectors.N, Map.of(V1_MIGRATED, published)));
  }
}
