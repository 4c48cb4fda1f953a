package dev.stablestructures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.btreeset.StableBTreeSet;
import dev.stablestructures.cell.StableCell;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.minheap.StableMinHeap;
import dev.stablestructures.vec.StableVec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The bad input at the structures' layer, one test per case, each over every structure
 * (StableVec, StableMinHeap, StableCell, StableBTreeMap, StableBTreeSet, and the MemoryManager
 * where the case applies): wrong magic, a newer layout version, a structure of another kind, a
 * damaged header field, a value over its bound, a grow refused because the maximum is reached. Each
 * is a typed error whose message says what was found and what was expected, and the memory's
 * SHA-256 is unchanged. The file cases are in {@code FileMemoryBadInputTest}; the Log's two
 * memories in {@code StableLogBadInputTest}.
 */
class StructuresBadInputTest {
  /** How one structure kind is opened, created with content, and fed. */
  record Kind(
      String name,
      StructureMagic magic,
      int version,
      Consumer<Memory> open,
      Consumer<Memory> create,
      Consumer<Memory> addOverBound,
      Consumer<Memory> addOne) {}

  private static final byte[] SMALL = {1, 2, 3};

  static List<Kind> kinds() {
    return List.of(
        new Kind(
            "StableVec",
            StructureMagic.VEC,
            1,
            m -> StableVec.init(m, Codecs.blob(10)),
            m -> StableVec.init(m, Codecs.blob(10)).add(SMALL),
            m -> StableVec.init(m, Codecs.blob(10)).add(new byte[11]),
            m -> StableVec.init(m, Codecs.blob(10)).add(SMALL)),
        new Kind(
            "StableMinHeap",
            StructureMagic.MIN_HEAP,
            1,
            m -> StableMinHeap.init(m, Codecs.blob(10)),
            m -> StableMinHeap.init(m, Codecs.blob(10)).push(SMALL),
            m -> StableMinHeap.init(m, Codecs.blob(10)).push(new byte[11]),
            m -> StableMinHeap.init(m, Codecs.blob(10)).push(SMALL)),
        new Kind(
            "StableCell",
            StructureMagic.CELL,
            1,
            m -> StableCell.load(m, Codecs.blob(10)),
            m -> StableCell.init(m, Codecs.blob(10), SMALL),
            m -> StableCell.init(m, Codecs.blob(10), SMALL).set(new byte[11]),
            m -> {
              StableCell<byte[]> cell = StableCell.init(m, Codecs.bytes(), SMALL);
              cell.set(new byte[cell.get().length + 40_000]);
            }),
        new Kind(
            "StableBTreeMap",
            StructureMagic.BTREE,
            2,
            m -> StableBTreeMap.init(m, Codecs.blob(10), Codecs.u64()),
            m -> StableBTreeMap.init(m, Codecs.blob(10), Codecs.u64()).put(SMALL, 1L),
            m -> StableBTreeMap.init(m, Codecs.blob(10), Codecs.u64()).put(new byte[11], 1L),
            m -> {
              StableBTreeMap<byte[], Long> map =
                  StableBTreeMap.init(m, Codecs.blob(10), Codecs.u64());
              map.put(Codecs.u64().encode(map.longSize() + 1000), 1L);
            }),
        new Kind(
            "StableBTreeSet",
            StructureMagic.BTREE,
            2,
            m -> StableBTreeSet.init(m, Codecs.blob(10)),
            m -> StableBTreeSet.init(m, Codecs.blob(10)).add(SMALL),
            m -> StableBTreeSet.init(m, Codecs.blob(10)).add(new byte[11]),
            m -> {
              StableBTreeSet<byte[]> set = StableBTreeSet.init(m, Codecs.blob(10));
              set.add(Codecs.u64().encode(set.longSize() + 1000));
            }));
  }

  static String sha256(Memory memory) {
    try {
      return java.util.HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Memories.toByteArray(memory)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Requires {@code type} with every fragment, and the memory's bytes unchanged. */
  static <T extends StableStructureException> void refused(
      Class<T> type, Memory memory, Executable action, String... fragments) {
    String before = sha256(memory);
    long pages = memory.size();
    T e = assertThrows(type, action);
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), e.getMessage() + " lacks: " + fragment);
    }
    assertTrue(sha256(memory).equals(before) && memory.size() == pages, "the memory changed");
  }

  /** A sound image of the kind, with one entry. */
  static HeapMemory sound(Kind kind) {
    HeapMemory memory = new HeapMemory();
    kind.create().accept(memory);
    return memory;
  }

  @Test
  void wrongMagic() {
    for (Kind kind : kinds()) {
      HeapMemory memory = HeapMemory.of(new byte[Memory.PAGE_SIZE]);
      memory.write(0, new byte[] {'X', 'Y', 'Z', 1});
      refused(
          BadMagicException.class,
          memory,
          () -> kind.open().accept(memory),
          kind.magic().magic(),
          "58 59 5A 01");
    }
    HeapMemory memory = HeapMemory.of(new byte[Memory.PAGE_SIZE]);
    memory.write(0, new byte[] {'X', 'Y', 'Z', 1});
    refused(
        BadMagicException.class,
        memory,
        () -> MemoryManager.init(memory),
        "expected magic 'MGR'",
        "58 59 5A 01");
  }

  @Test
  void newerLayoutVersion() {
    for (Kind kind : kinds()) {
      HeapMemory memory = sound(kind);
      memory.writeByte(3, (byte) 9);
      refused(
          UnsupportedVersionException.class,
          memory,
          () -> kind.open().accept(memory),
          "9",
          "" + kind.version());
    }
    HeapMemory memory = new HeapMemory();
    MemoryManager.init(memory).get(0).grow(1);
    memory.writeByte(3, (byte) 9);
    refused(UnsupportedVersionException.class, memory, () -> MemoryManager.load(memory), "9");
  }

  @Test
  void aStructureOfAnotherKind() {
    for (Kind kind : kinds()) {
      // A cell where the kind is expected; a vector where a cell is.
      Kind other = kind.magic() == StructureMagic.CELL ? kinds().get(0) : kinds().get(2);
      HeapMemory memory = sound(other);
      refused(
          BadMagicException.class,
          memory,
          () -> kind.open().accept(memory),
          "'" + other.magic().magic() + "' (" + other.magic().kind() + ")");
    }
    HeapMemory memory = sound(kinds().get(0));
    refused(
        BadMagicException.class, memory, () -> MemoryManager.init(memory), "'SVC' (a StableVec)");
  }

  @Test
  void aDamagedHeaderFieldOfEachStructure() {
    // Vector and heap: the length (offset 4) far past the memory.
    for (Kind kind : kinds().subList(0, 2)) {
      HeapMemory memory = sound(kind);
      memory.writeLongLE(4, 1L << 40);
      refused(
          CorruptedStructureException.class,
          memory,
          () -> kind.open().accept(memory),
          "length 1099511627776 does not fit its memory of 65536 bytes");
      HeapMemory bound = sound(kind);
      bound.writeIntLE(12, 20); // The element bound: 20 stored, the codec says 10.
      refused(
          IncompatibleLayoutException.class,
          bound,
          () -> kind.open().accept(bound),
          "max size 20",
          "max size 10");
    }
    HeapMemory cell = sound(kinds().get(2));
    cell.writeIntLE(4, 100_000_000);
    refused(
        CorruptedStructureException.class,
        cell,
        () -> kinds().get(2).open().accept(cell),
        "100000000",
        "65536");
    for (Kind kind : kinds().subList(3, 5)) {
      HeapMemory memory = sound(kind);
      memory.writeLongLE(12, 0); // The root address 0 with a length of 1.
      refused(
          CorruptedStructureException.class,
          memory,
          () -> kind.open().accept(memory),
          "root 0 does not match length 1");
    }
    HeapMemory manager = new HeapMemory();
    MemoryManager.init(manager).get(0).grow(1);
    manager.writeShortLE(MemoryManager.ALLOCATED_BUCKETS_OFFSET, 40_000);
    refused(CorruptedStructureException.class, manager, () -> MemoryManager.load(manager), "40000");
  }

  @Test
  void aValueOverItsBound() {
    for (Kind kind : kinds()) {
      HeapMemory memory = sound(kind);
      refused(BoundExceededException.class, memory, () -> kind.addOverBound().accept(memory), "11");
    }
  }

  @Test
  void aGrowRefusedBecauseTheMaximumIsReached() {
    for (Kind kind : kinds()) {
      HeapMemory memory = new HeapMemory(1);
      kind.create().accept(memory);
      byte[] before = Memories.toByteArray(memory);
      StableStructureException e = null;
      for (int i = 0; i < 100_000 && e == null; i++) {
        before = Memories.toByteArray(memory);
        try {
          kind.addOne().accept(memory);
        } catch (GrowFailedException refused) {
          e = refused;
        }
      }
      assertTrue(e != null, kind.name() + " never needed a second page");
      assertArrayEquals(
          before, Memories.toByteArray(memory), kind.name() + ": the refused add wrote");
      assertTrue(e.getMessage().contains("grow"), e.getMessage());
    }
  }
}
