package dev.stablestructures.cli.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * inspect, verify, dump and diff on every published vector (the crate's own images), including the
 * whole canister-memory-manager image; each image's SHA-256 is the same afterwards.
 */
class InspectorVectorsTest {
  private final Cli cli = new Cli();

  /** Every published image but the log's two halves (tested as a pair), with its entry count. */
  private static Map<String, String> singles() {
    Map<String, String> images = new TreeMap<>();
    images.put("btreemap-u64-u64", "StableBTreeMap");
    images.put("btreemap-string-bytes", "StableBTreeMap");
    images.put("btreemap-v1-migrated", "StableBTreeMap");
    images.put("btreeset-u32", "StableBTreeSet");
    images.put("vec-u64", "StableVec");
    images.put("vec-blob300", "StableVec");
    images.put("cell-string", "StableCell");
    images.put("minheap-u64", "StableMinHeap");
    return images;
  }

  private static String image(String name) {
    return Cli.published().resolve(name + ".bin.gz").toString();
  }

  private static Map<Path, String> hashes() throws IOException {
    Map<Path, String> hashes = new TreeMap<>();
    try (var files = Files.list(Cli.published())) {
      for (Path file : (Iterable<Path>) files::iterator) {
        hashes.put(file, Cli.sha256(file));
      }
    }
    return hashes;
  }

  @Test
  void everySingleStructureVectorInspectsVerifiesAndDumps() throws IOException {
    Map<Path, String> before = hashes();
    for (Map.Entry<String, String> e : singles().entrySet()) {
      String file = image(e.getKey());
      assertEquals(0, cli.run("inspect", file), e.getKey() + "\n" + cli.both());
      assertTrue(cli.out().contains("the image: " + e.getValue()), cli.both());
      assertTrue(cli.out().contains("verify: OK"), cli.both());
      assertEquals(0, cli.run("verify", file), e.getKey() + "\n" + cli.both());
      assertTrue(cli.out().contains("verify: everything holds"), cli.both());
      assertEquals(0, cli.run("inspect", file, "--format", "json"), cli.both());
      assertTrue(cli.out().contains("\"ok\": true"), cli.both());
      assertEquals(0, cli.run("dump", file), e.getKey() + "\n" + cli.both());
      long lines = cli.out().lines().count() - 1;
      assertTrue(lines > 0, cli.both());
      assertEquals(0, cli.run("diff", file, file), cli.both());
    }
    assertEquals(before, hashes(), "a published image was changed");
  }

  @Test
  void statisticsAndDecodedEntriesOfTheU64Map() {
    String file = image("btreemap-u64-u64");
    assertEquals(0, cli.run("inspect", file));
    String text = cli.out();
    assertTrue(text.contains("page size 275"), text);
    assertTrue(text.contains("statistics: entries 2564, depth 4, nodes 388"), text);
    assertTrue(text.contains("% fill)"), text);
    assertEquals(0, cli.run("dump", file, "--key", "u64", "--value", "u64"));
    assertEquals(2565, cli.out().lines().count(), "a header line and 2564 entries");
    assertTrue(cli.out().startsWith("index,key,value\n0,"), cli.out());
    assertEquals(0, cli.run("dump", file, "--key", "u64", "--format", "json"));
    assertTrue(cli.out().startsWith("[\n  {\"index\": 0, \"key\": \""), cli.out());
    assertTrue(cli.out().trim().endsWith("]"), cli.out());
  }

  @Test
  void theLogsTwoImagesAreOneLog() {
    String index = image("log-bytes-index");
    String data = image("log-bytes-data");
    assertEquals(1, cli.run("verify", index), "half a log cannot be verified: " + cli.both());
    assertTrue(cli.out().contains("without a data memory"), cli.both());
    assertEquals(0, cli.run("verify", index, "--log-data", data), cli.both());
    assertTrue(cli.out().contains("StableLog, 5000 entries"), cli.both());
    assertEquals(0, cli.run("inspect", index, "--log-data", data), cli.both());
    assertEquals(0, cli.run("dump", index, "--log-data", data), cli.both());
    assertEquals(5001, cli.out().lines().count());
  }

  @Test
  void theWholeCanisterImage(@org.junit.jupiter.api.io.TempDir Path temp) throws IOException {
    Map<Path, String> before = hashes();
    String file = image("canister-memory-manager");
    assertEquals(0, cli.run("inspect", file), cli.both());
    String text = cli.out();
    assertTrue(text.contains("MemoryManager (magic 'MGR'): layout version 1"), text);
    assertTrue(text.contains("bucket size (pages) 128, memories in use 8"), text);
    assertTrue(text.contains("memory 0: 3 pages in 1 bucket(s) [0]"), text);
    assertTrue(text.contains("memory 2: StableVec (magic 'SVC')"), text);
    assertTrue(text.contains("memories 4+5: StableLog (magic 'GLI')"), text);
    assertTrue(text.contains("memory 6: StableMinHeap (magic 'SMH')"), text);
    assertTrue(text.contains("memory 254: StableBTreeSet (magic 'BTR')"), text);
    assertEquals(8, text.split("verify: OK", -1).length - 1, "the manager and 7 structures");

    assertEquals(0, cli.run("verify", file, "--progress"), cli.both());
    assertTrue(cli.out().contains("verify: everything holds"), cli.both());
    assertTrue(cli.err().contains("verify 100%"), "the progress bar: " + cli.err());

    assertEquals(0, cli.run("dump", file, "--memory", "2", "--value", "u64"), cli.both());
    assertEquals(4751, cli.out().lines().count());
    assertEquals(0, cli.run("dump", file, "--memory", "5"), "either memory of the log");
    assertEquals(5001, cli.out().lines().count());
    assertEquals(0, cli.run("dump", file, "--memory", "3", "--value", "string"), cli.both());
    assertTrue(cli.out().startsWith("index,value\n0,opqrstuvwxyz"), cli.out());
    assertEquals(2, cli.run("dump", file, "--memory", "9"));
    assertTrue(cli.err().contains("memory 9 is not in use; memories in use: 0, 1, 2"), cli.err());
    assertEquals(2, cli.run("dump", file), "a manager image needs --memory");
    assertEquals(2, cli.run("dump", file, "--memory", "0", "--key", "nonsense"));
    assertTrue(cli.err().contains("unknown codec 'nonsense'; known codecs: hex, u8"), cli.err());

    Path copy = Files.copy(Path.of(file), temp.resolve("copy.bin.gz"));
    assertEquals(0, cli.run("diff", file, copy.toString()), cli.both());
    assertTrue(cli.out().contains("memories 4+5 (StableLog): same 5000 entries"), cli.out());
    assertTrue(cli.out().contains("the images hold the same entries"), cli.out());
    assertEquals(before, hashes(), "a published image was changed");
  }

  @Test
  void diffNamesTheMemoriesAndEntriesThatDiffer(@org.junit.jupiter.api.io.TempDir Path temp) {
    // Another seed leaves other entries in every memory: diff must say which, and how many.
    assertEquals(
        0, cli.run("replay", "canister-memory-manager", "--seed", "43", "--dir", temp.toString()));
    String other = temp.resolve("canister-memory-manager.bin").toString();
    String file = image("canister-memory-manager");
    assertEquals(1, cli.run("diff", file, other, "--max", "2"), cli.both());
    String text = cli.out();
    assertTrue(text.contains("memory 2 (StableVec): 4750 entries differ (0 only in A"), text);
    assertTrue(text.contains("  changed: [0]: A "), text);
    assertTrue(text.contains("7 memory(ies) differ"), text);
    assertEquals(
        1,
        cli.run("diff", file, other, "--memory", "0", "--key", "u64", "--value", "u64"),
        cli.both());
    assertTrue(cli.out().contains("memory 0 (StableBTreeMap): 4302 entries differ"), cli.out());
    assertTrue(cli.out().contains("only in B: key 783 = 12489726302120639693"), cli.out());
    assertTrue(cli.out().contains("1 memory(ies) differ"), cli.out());
  }
}
