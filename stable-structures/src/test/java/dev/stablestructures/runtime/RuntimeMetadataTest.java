package dev.stablestructures.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.UnsupportedVersionException;
import dev.stablestructures.memory.ByteArrays;
import dev.stablestructures.memory.HeapMemory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The record in memory 254, byte for byte as RuntimeMetadata's Javadoc draws it. */
class RuntimeMetadataTest {
  private static RuntimeMetadata sample() {
    Declarations declarations = new Declarations();
    declarations.add(
        new MemoryDeclaration("users", StructureKind.BTREE_MAP, 0, -1, "u64", "String"));
    declarations.add(new MemoryDeclaration("events", StructureKind.LOG, 1, 2, "Vec<u8>", ""));
    byte[] hash = new byte[32];
    Arrays.fill(hash, (byte) 0xAB);
    return new RuntimeMetadata(
        3, 7, 1_700_000_000_123L, Principals.canisterId(1), "demo.Counter", hash, declarations);
  }

  @Test
  void theFieldsSitWhereTheTableSays() {
    byte[] b = sample().encode();
    assertEquals("SRT", new String(b, 0, 3, UTF_8));
    assertEquals(1, b[3]);
    assertEquals(b.length, ByteArrays.getIntLE(b, 4));
    assertEquals(3, ByteArrays.getIntLE(b, 8));
    assertEquals(2, ByteArrays.getIntLE(b, 12));
    assertEquals(7, ByteArrays.getLongLE(b, 16));
    assertEquals(1_700_000_000_123L, ByteArrays.getLongLE(b, 24));
    assertEquals(10, b[32]);
    assertArrayEquals(Principals.canisterId(1).toBytes(), Arrays.copyOfRange(b, 33, 43));
    assertArrayEquals(new byte[29 - 10], Arrays.copyOfRange(b, 43, 62));
    assertEquals(12, ByteArrays.getShortLE(b, 62));
    assertEquals((byte) 0xAB, b[64]);
    assertEquals((byte) 0xAB, b[95]);
    assertEquals("demo.Counter", new String(b, 96, 12, UTF_8));
    int at = 108;
    assertEquals(5, ByteArrays.getShortLE(b, at));
    assertEquals("users", new String(b, at + 2, 5, UTF_8));
    at += 7;
    assertEquals(1, b[at]); // BTREE_MAP
    assertEquals(0, b[at + 1]);
    assertEquals((byte) 0xFF, b[at + 2]);
    assertEquals(3, ByteArrays.getShortLE(b, at + 3));
    assertEquals("u64", new String(b, at + 5, 3, UTF_8));
    assertEquals(6, ByteArrays.getShortLE(b, at + 8));
    at += 16;
    assertEquals(6, ByteArrays.getShortLE(b, at)); // "events"
    assertEquals(5, b[at + 8]); // LOG
    assertEquals(1, b[at + 9]);
    assertEquals(2, b[at + 10]);
  }

  @Test
  void itReadsBackWhatItWrote() {
    HeapMemory memory = new HeapMemory();
    RuntimeMetadata written = sample();
    written.write(memory);
    RuntimeMetadata read = RuntimeMetadata.read(memory);
    assertArrayEquals(written.encode(), read.encode());
    assertEquals("demo.Counter", read.codeName());
    assertEquals(written.declarations().list(), read.declarations().list());
    assertEquals(
        null, RuntimeMetadata.read(new HeapMemory()), "an empty memory: nothing installed");
  }

  @Test
  void damageIsTypedAndNamesTheOffset() {
    HeapMemory memory = new HeapMemory();
    sample().write(memory);
    memory.writeByte(3, (byte) 2);
    assertThrows(UnsupportedVersionException.class, () -> RuntimeMetadata.read(memory));
    memory.writeByte(3, (byte) 1);
    memory.writeIntLE(4, 50);
    CorruptedStructureException shortRecord =
        assertThrows(CorruptedStructureException.class, () -> RuntimeMetadata.read(memory));
    assertTrue(shortRecord.getMessage().contains("offset 4"), shortRecord.getMessage());
    memory.writeIntLE(4, sample().encode().length);
    memory.writeByte(115, (byte) 9); // the first declaration's kind
    CorruptedStructureException kind =
        assertThrows(CorruptedStructureException.class, () -> RuntimeMetadata.read(memory));
    assertTrue(kind.getMessage().contains("unknown structure kind 9"), kind.getMessage());
  }
}
