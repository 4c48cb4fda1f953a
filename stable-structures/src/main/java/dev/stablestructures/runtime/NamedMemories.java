package dev.stablestructures.runtime;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.btreeset.StableBTreeSet;
import dev.stablestructures.cell.StableCell;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.log.StableLog;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.minheap.StableMinHeap;
import dev.stablestructures.vec.StableVec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A canister's structures, declared by name and opened in one call: {@code
 * ctx.memories().btreeMap("users", 0, Codecs.u64(), Codecs.string())} opens the map in memory 0,
 * creating it on first use, and records the declaration (name, kind, memory id, codec names) in the
 * runtime's metadata (memory {@value #RUNTIME_MEMORY_ID}), where every later declaration is checked
 * against it.
 *
 * <p>The rules, checked before the structure is opened (so before any of its data is touched): a
 * name keeps its kind, codecs and memory ids, and a memory id belongs to one name. A mismatch is an
 * {@link UpgradeIncompatibleException}, which rolls the message back (at an upgrade: the old code
 * stays installed). Inside a migration step ({@link Migration}) a declaration may differ: it then
 * replaces the stored declarations it clashes with and opens a new, empty structure over the
 * memory, so read the old structure (declared as stored) before declaring its replacement.
 *
 * <p>Memory ids 0 to 253 are the canister's; 254 holds the runtime's metadata. The same declaration
 * asked again by the same instance gives back the same structure object, so a method may simply
 * declare what it uses each time; a structure first opened in a message that rolled back is
 * forgotten with it.
 */
public final class NamedMemories {
  /** The memory id of the runtime's metadata, which canister code may not use. */
  public static final int RUNTIME_MEMORY_ID = 254;

  /** The largest memory id canister code may use. */
  public static final int MAX_CANISTER_MEMORY_ID = RUNTIME_MEMORY_ID - 1;

  private final Map<String, Opened> opened = new HashMap<>();
  private final List<String> openedInMessage = new ArrayList<>();
  private MessageScope scope;

  /** True while a migration step runs: declarations may then replace stored ones. */
  private boolean migrating;

  NamedMemories() {}

  /**
   * Declares and opens a map.
   *
   * @param name the name, unique in the canister
   * @param memoryId the memory id, 0 to {@value #MAX_CANISTER_MEMORY_ID}
   * @param keyCodec the key codec
   * @param valueCodec the value codec
   * @param <K> the key type
   * @param <V> the value type
   * @return the map
   * @throws UpgradeIncompatibleException if the declaration clashes with a stored one
   * @throws CanisterStateException if the memory id is not the canister's, or no message runs
   */
  public <K, V> StableBTreeMap<K, V> btreeMap(
      String name, int memoryId, Codec<K> keyCodec, Codec<V> valueCodec) {
    MemoryDeclaration d =
        new MemoryDeclaration(
            name,
            StructureKind.BTREE_MAP,
            memoryId,
            -1,
            CodecNames.of(keyCodec),
            CodecNames.of(valueCodec));
    return open(
        d,
        (m, fresh) ->
            fresh
                ? StableBTreeMap.create(m.get(memoryId), keyCodec, valueCodec)
                : StableBTreeMap.init(m.get(memoryId), keyCodec, valueCodec));
  }

  /**
   * Declares and opens a set.
   *
   * @param name the name, unique in the canister
   * @param memoryId the memory id, 0 to {@value #MAX_CANISTER_MEMORY_ID}
   * @param keyCodec the key codec
   * @param <K> the key type
   * @return the set
   * @throws UpgradeIncompatibleException if the declaration clashes with a stored one
   * @throws CanisterStateException if the memory id is not the canister's, or no message runs
   */
  public <K> StableBTreeSet<K> btreeSet(String name, int memoryId, Codec<K> keyCodec) {
    return openSingle(
        name,
        StructureKind.BTREE_SET,
        memoryId,
        keyCodec,
        StableBTreeSet::create,
        StableBTreeSet::init);
  }

  /**
   * Declares and opens a vector.
   *
   * @param name the name, unique in the canister
   * @param memoryId the memory id, 0 to {@value #MAX_CANISTER_MEMORY_ID}
   * @param codec the element codec (bounded)
   * @param <T> the element type
   * @return the vector
   * @throws UpgradeIncompatibleException if the declaration clashes with a stored one
   * @throws CanisterStateException if the memory id is not the canister's, or no message runs
   */
  public <T> StableVec<T> vec(String name, int memoryId, Codec<T> codec) {
    return openSingle(name, StructureKind.VEC, memoryId, codec, StableVec::create, StableVec::init);
  }

  /**
   * Declares and opens a cell.
   *
   * @param name the name, unique in the canister
   * @param memoryId the memory id, 0 to {@value #MAX_CANISTER_MEMORY_ID}
   * @param codec the value codec
   * @param defaultValue the value of a new cell
   * @param <T> the value type
   * @return the cell
   * @throws UpgradeIncompatibleException if the declaration clashes with a stored one
   * @throws CanisterStateException if the memory id is not the canister's, or no message runs
   */
  public <T> StableCell<T> cell(String name, int memoryId, Codec<T> codec, T defaultValue) {
    return openSingle(
        name,
        StructureKind.CELL,
        memoryId,
        codec,
        (memory, c) -> StableCell.create(memory, c, defaultValue),
        (memory, c) -> StableCell.init(memory, c, defaultValue));
  }

  /**
   * Declares and opens a log, over two memories.
   *
   * @param name the name, unique in the canister
   * @param indexMemoryId the index memory's id, 0 to {@value #MAX_CANISTER_MEMORY_ID}
   * @param dataMemoryId the data memory's id, another one
   * @param codec the entry codec
   * @param <T> the entry type
   * @return the log
   * @throws UpgradeIncompatibleException if the declaration clashes with a stored one
   * @throws CanisterStateException if a memory id is not the canister's, or no message runs
   */
  public <T> StableLog<T> log(String name, int indexMemoryId, int dataMemoryId, Codec<T> codec) {
    checkId(dataMemoryId);
    MemoryDeclaration d =
        new MemoryDeclaration(
            name, StructureKind.LOG, indexMemoryId, dataMemoryId, CodecNames.of(codec), "");
    return open(
        d,
        (m, fresh) ->
            fresh
                ? StableLog.create(m.get(indexMemoryId), m.get(dataMemoryId), codec)
                : StableLog.init(m.get(indexMemoryId), m.get(dataMemoryId), codec));
  }

  /**
   * Declares and opens a min-heap.
   *
   * @param name the name, unique in the canister
   * @param memoryId the memory id, 0 to {@value #MAX_CANISTER_MEMORY_ID}
   * @param codec the element codec (bounded)
   * @param <T> the element type
   * @return the heap
   * @throws UpgradeIncompatibleException if the declaration clashes with a stored one
   * @throws CanisterStateException if the memory id is not the canister's, or no message runs
   */
  public <T> StableMinHeap<T> minHeap(String name, int memoryId, Codec<T> codec) {
    return openSingle(
        name, StructureKind.MIN_HEAP, memoryId, codec, StableMinHeap::create, StableMinHeap::init);
  }

  /**
   * Drops a stored declaration, so its name and memory ids are free again; only inside a migration
   * step. The memory keeps its bytes until a new declaration creates a structure over it.
   *
   * @param name the name
   * @return true if a declaration of that name was stored
   * @throws CanisterStateException outside a migration step
   */
  public boolean forget(String name) {
    MessageScope s = scope();
    if (!migrating) {
      throw new CanisterStateException(
          "forget('" + name + "') outside a migration step; only a migration may drop a memory");
    }
    opened.remove(name);
    return s.metadata().declarations().remove(name);
  }

  /**
   * Returns the declarations stored so far, with those of the running message.
   *
   * @return the declarations, in the order they were first made
   * @throws CanisterStateException if no message runs
   */
  public List<MemoryDeclaration> declarations() {
    return List.copyOf(scope().metadata().declarations().list());
  }

  // ---------------------------------------------------------------- the host's side

  /** Starts a message: declarations go to this scope's metadata. */
  void begin(MessageScope messageScope) {
    this.scope = messageScope;
    this.migrating = false;
    openedInMessage.clear();
  }

  /** Ends a message; a rolled-back one takes the structures it first opened with it. */
  void end(boolean committed) {
    if (!committed) {
      for (String name : openedInMessage) {
        opened.remove(name);
      }
    }
    openedInMessage.clear();
    scope = null;
  }

  /** Marks the start or the end of a migration step of the bound message. */
  void migrating(boolean step) {
    this.migrating = step;
  }

  private MessageScope scope() {
    if (scope == null) {
      throw new CanisterStateException(
          "named memories are opened inside a message (init, an upgrade hook, a migration, an"
              + " update or a query), not outside one");
    }
    return scope;
  }

  /**
   * Declares and opens a structure of one memory and one codec: {@code create} when the declaration
   * replaced stored ones (in a migration), else {@code init}.
   */
  private <T, S> S openSingle(
      String name,
      StructureKind kind,
      int memoryId,
      Codec<T> codec,
      BiFunction<Memory, Codec<T>, S> create,
      BiFunction<Memory, Codec<T>, S> init) {
    MemoryDeclaration declared =
        new MemoryDeclaration(name, kind, memoryId, -1, CodecNames.of(codec), "");
    return open(declared, (m, fresh) -> (fresh ? create : init).apply(m.get(memoryId), codec));
  }

  @SuppressWarnings("unchecked") // the cached handle was opened for an equal declaration
  private <S> S open(MemoryDeclaration declared, Opener<S> opener) {
    MessageScope s = scope();
    Opened cached = opened.get(declared.name());
    if (cached != null && cached.declaration().equals(declared)) {
      return (S) cached.handle();
    }
    checkId(declared.memoryId());
    List<String> replaced = s.metadata().declarations().declare(declared, migrating);
    for (String name : replaced) {
      opened.remove(name);
    }
    S handle = opener.open(s.manager(), !replaced.isEmpty());
    opened.put(declared.name(), new Opened(declared, handle));
    openedInMessage.add(declared.name());
    return handle;
  }

  static void checkId(int id) {
    if (id < 0 || id > MAX_CANISTER_MEMORY_ID) {
      throw new CanisterStateException(
          "canister code uses memory ids 0 to "
              + MAX_CANISTER_MEMORY_ID
              + " (memory "
              + RUNTIME_MEMORY_ID
              + " holds the runtime's metadata); found "
              + id);
    }
  }

  /** Opens a structure over the manager's memories; {@code fresh} overwrites what they held. */
  @FunctionalInterface
  private interface Opener<S> {
    S open(MemoryManager manager, boolean fresh);
  }

  private record Opened(MemoryDeclaration declaration, Object handle) {}
}
