package dev.stablestructures.cli.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.btreeset.StableBTreeSet;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A B-tree holding a set is labelled and dumped as one (keys only) by dump and diff, not only by
 * verify; the canister runtime's record in memory 254 is shown field by field.
 */
class InspectorSetsAndRuntimeTest {
  private final Cli cli = new Cli();

  private static String published(String name) {
    return Cli.published().resolve(name + ".bin.gz").toString();
  }

  @Test
  void dumpShowsASetsKeysOnly() {
    String file = published("btreeset-u32");
    assertEquals(0, cli.run("dump", file, "--key", "u32"), cli.both());
    String out = cli.out();
    assertTrue(out.startsWith("index,key\n0,"), out);
    assertFalse(out.lines().skip(1).anyMatch(line -> line.split(",").length != 2), out);
    assertEquals(0, cli.run("dump", file, "--key", "u32", "--format", "json"), cli.both());
    assertTrue(cli.out().startsWith("[\n  {\"index\": 0, \"key\": \""), cli.out());
    assertFalse(cli.out().contains("\"value\""), cli.out());
  }

  @Test
  void diffNamesTheSetAndItsKeys(@TempDir Path temp) throws IOException {
    Path a = image(temp.resolve("a.bin"), 1, 2, 3);
    Path b = image(temp.resolve("b.bin"), 1, 3, 4);
    assertEquals(1, cli.run("diff", a.toString(), b.toString(), "--key", "u64"), cli.both());
    String out = cli.out();
    assertTrue(out.contains("memory 0 (StableBTreeSet): 2 entries differ"), out);
    assertTrue(out.contains("only in A: key 2\n"), out);
    assertTrue(out.contains("only in B: key 4\n"), out);
    assertTrue(out.contains("memory 1 (StableBTreeMap): same 3 entries"), out);
    assertEquals(0, cli.run("dump", a.toString(), "--memory", "1", "--key", "u64"), cli.both());
    assertTrue(cli.out().startsWith("index,key,value\n0,7,"), "a map keeps its values");
  }

  @Test
  void theRuntimeRecordInMemory254IsShownFieldByField(@TempDir Path temp) throws IOException {
    HeapMemory memory = new HeapMemory();
    MemoryManager manager = MemoryManager.init(memory);
    Memory record = manager.get(254);
    record.grow(1);
    byte[] name = "counter".getBytes(StandardCharsets.UTF_8);
    record.write(0, new byte[] {'S', 'R', 'T', 1});
    record.writeIntLE(4, 96 + name.length);
    record.writeIntLE(8, 3); // stable-memory version
    record.writeIntLE(12, 0); // no declarations
    record.writeLongLE(16, 5); // code version
    record.writeLongLE(24, 1_700_000_000_000L);
    record.writeByte(32, (byte) 1);
    record.writeByte(33, (byte) 4); // principal of one byte
    record.writeShortLE(62, (short) name.length);
    byte[] hash = new byte[32];
    hash[0] = (byte) 0xAB;
    hash[31] = 0x01;
    record.write(64, hash);
    record.write(96, name);
    Path file = Files.write(temp.resolve("runtime.bin"), memory.toByteArray());

    cli.run("inspect", file.toString());
    String out = cli.out();
    assertTrue(out.contains("memory 254: canister runtime metadata (magic 'SRT')"), cli.both());
    assertTrue(out.contains("stable-memory version 3"), out);
    assertTrue(out.contains("code version 5"), out);
    assertTrue(out.contains("last install or upgrade 2023-11-14T22:13:20Z"), out);
    assertTrue(out.contains("code name counter"), out);
    assertTrue(out.contains("code hash ab000000"), out);
    assertTrue(
        out.contains(
            "principal " + dev.stablestructures.codec.Principal.of(new byte[] {4}).toText()),
        out);
    assertEquals(0, cli.run("inspect", file.toString(), "--format", "json"), cli.both());
    assertTrue(cli.out().contains("\"code name\": \"counter\""), cli.out());
  }

  /** A manager image: memory 0 a set of u64 keys, memory 1 a map of 7, 9, 11 to the next number. */
  private static Path image(Path path, long... keys) throws IOException {
    HeapMemory memory = new HeapMemory();
    MemoryManager manager = MemoryManager.init(memory);
    StableBTreeSet<Long> set = StableBTreeSet.init(manager.get(0), Codecs.u64());
    for (long key : keys) {
      set.add(key);
    }
    StableBTreeMap<Long, Long> map =
        StableBTreeMap.init(manager.get(1), Codecs.u64(), Codecs.u64());
    for (long k = 7; k <= 11; k += 2) {
      map.put(k, k + 1); // more than one entry: one alone fits a set's layout too
    }
    return Files.write(path, memory.toByteArray());
  }
}
