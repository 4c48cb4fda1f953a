package dev.stablestructures.cell;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.BoundExceededException;
import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.GrowFailedException;
import dev.stablestructures.StructureMagic;
import dev.stablestructures.UnsupportedVersionException;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.memory.Journal;
import dev.stablestructures.memory.JournaledMemory;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.memory.RollbackListener;

/**
 * One value kept in stable memory, byte-compatible with the crate's {@code Cell<T, M>}. The decoded
 * value is also kept on the heap, so {@link #get()} never touches memory.
 *
 * <p>Layout (version 1, all integers little-endian):
 *
 * <pre>
 * offset  size  field
 * ------  ----  ---------------------------------------------
 *      0     3  magic "SCL" (53 43 4C)
 *      3     1  layout version = 1
 *      4     4  value length N (u32 LE)
 *      8     N  the value's encoding (codec bytes)
 *  8 + N   ...  left over from longer earlier values; never read
 * </pre>
 *
 * <p>Each {@link #set} rewrites the header and the value, growing memory first if the value does
 * not fit; memory never shrinks. Unlike the crate, {@link #init} refuses (with {@link
 * BadMagicException}) a memory that holds something else instead of overwriting it; {@link #create}
 * overwrites on purpose.
 *
 * <p><b>Transactions.</b> Each {@link #set} and the creation are one step of the memory's {@link
 * Journal} (of a {@link JournaledMemory} over it if it has none): all or nothing, and inside a
 * user's transaction a savepoint that a failure rolls back alone. After any rollback that undid
 * writes the cell decodes its value again from the image (a registered {@link RollbackListener});
 * if the image no longer holds the cell (its creation was rolled back), the cell refuses every
 * call.
 *
 * <p>Not thread-safe, like the memory under it.
 *
 * @param <T> the type of the value
 */
public final class StableCell<T> {
  /** The magic at offset 0. */
  public static final StructureMagic MAGIC = StructureMagic.CELL;

  /** The only layout version this class reads and writes. */
  public static final int LAYOUT_VERSION = 1;

  /** Bytes before the value. */
  public static final int HEADER_SIZE = 8;

  /** Offset of the value's length, u32 LE. */
  public static final int LENGTH_OFFSET = StructureMagic.HEADER_SIZE;

  private final Memory memory;

  /** Where writes go: {@link #memory}, or a journaled wrapper of it if it has no journal. */
  private final Memory writes;

  private final Journal journal;
  private final Codec<T> codec;

  /** Registered with the journal, which holds it weakly: this field keeps it alive. */
  private final RollbackListener reloader = this::reloadAfterRollback;

  private T value;

  /** Why the cell refuses every call (its image was rolled away), or null. */
  private String unusable;

  private StableCell(Memory memory, Memory writes, Codec<T> codec, T value) {
    this.memory = memory;
    this.writes = writes;
    this.journal = writes.journal();
    this.codec = codec;
    this.value = value;
    journal.addRollbackListener(reloader);
  }

  /** The memory itself if it has a journal, else a journaled wrapper of it. */
  private static Memory journaled(Memory memory) {
    return memory.journal() != null ? memory : new JournaledMemory(memory);
  }

  /**
   * Opens the cell in {@code memory}, or creates it holding {@code defaultValue} if the memory is
   * empty (0 pages).
   *
   * @param memory the memory the cell owns
   * @param codec the value's codec
   * @param defaultValue the value of a new cell
   * @param <T> the type of the value
   * @return the cell
   * @throws BadMagicException if the memory holds something other than a cell; it is untouched
   * @throws UnsupportedVersionException if the cell's layout version is not 1
   * @throws BoundExceededException if a new cell's default value breaks the codec's bound
   * @throws GrowFailedException if a new cell does not fit and memory cannot grow
   */
  public static <T> StableCell<T> init(Memory memory, Codec<T> codec, T defaultValue) {
    if (memory.size() == 0) {
      return create(memory, codec, defaultValue);
    }
    return load(memory, codec);
  }

  /**
   * Creates a cell holding {@code value}, overwriting whatever the memory held before.
   *
   * @param memory the memory the cell owns
   * @param codec the value's codec
   * @param value the initial value
   * @param <T> the type of the value
   * @return the cell
   * @throws BoundExceededException if the value breaks the codec's bound; nothing is written
   * @throws GrowFailedException if memory cannot grow to hold the value; nothing is written
   */
  public static <T> StableCell<T> create(Memory memory, Codec<T> codec, T value) {
    Memory writes = journaled(memory);
    byte[] bytes = codec.encodeChecked(value);
    Journal journal = writes.journal();
    long step = journal.beginStep();
    try {
      flush(writes, bytes);
      journal.commitStep(step);
    } finally {
      journal.endStep(step);
    }
    return new StableCell<>(memory, writes, codec, value);
  }

  /**
   * Opens an existing cell; never writes.
   *
   * @param memory the memory holding the cell
   * @param codec the value's codec
   * @param <T> the type of the value
   * @return the cell
   * @throws BadMagicException if the memory is empty or holds something other than a cell
   * @throws UnsupportedVersionException if the cell's layout version is not 1
   * @throws CorruptedStructureException if the stored length reaches past the end of memory
   */
  public static <T> StableCell<T> load(Memory memory, Codec<T> codec) {
    return new StableCell<>(memory, journaled(memory), codec, read(memory, codec));
  }

  /** Reads and decodes the stored value, with the checks of {@link #load}. */
  private static <T> T read(Memory memory, Codec<T> codec) {
    if (memory.size() == 0) {
      throw new BadMagicException("cannot load a Cell: the memory is empty (0 pages)");
    }
    MAGIC.checkHeader(memory.readBytes(0, StructureMagic.HEADER_SIZE), LAYOUT_VERSION, "Cell");
    long length = memory.readIntLE(LENGTH_OFFSET) & 0xFFFF_FFFFL;
    if (length > memory.sizeInBytes() - HEADER_SIZE || length > Integer.MAX_VALUE) {
      throw new CorruptedStructureException(
          "Cell value length "
              + length
              + " reaches past the end of its memory of "
              + memory.sizeInBytes()
              + " bytes");
    }
    return codec.read(memory, HEADER_SIZE, (int) length);
  }

  /**
   * Returns the value, from the heap copy.
   *
   * @return the current value
   * @throws IllegalStateException if a rollback took the cell away from its memory
   */
  public T get() {
    if (unusable != null) {
      throw new IllegalStateException(unusable);
    }
    return value;
  }

  /**
   * Replaces the value, growing memory first if needed.
   *
   * @param newValue the new value, not null
   * @return the old value
   * @throws BoundExceededException if the value breaks the codec's bound; nothing is written
   * @throws GrowFailedException if memory cannot grow to hold the value; nothing is written
   * @throws IllegalStateException if a rollback took the cell away from its memory
   */
  public T set(T newValue) {
    get(); // refuses an unusable cell
    byte[] bytes = codec.encodeChecked(newValue);
    long step = journal.beginStep();
    try {
      T old = value; // read in the step: no other thread's set is half-way
      flush(writes, bytes);
      value = newValue;
      journal.commitStep(step);
      return old;
    } finally {
      journal.endStep(step); // a rollback reloads the value (the listener)
    }
  }

  /** The rollback listener: the value decoded again from the restored image. */
  private void reloadAfterRollback() {
    try {
      value = read(memory, codec);
    } catch (RuntimeException gone) {
      value = null;
      unusable =
          "this Cell is gone from its memory: a rollback restored an image without it (its"
              + " creation was rolled back?): "
              + gone.getMessage();
    }
  }

  /**
   * Walks the stored image and reports any damage; never writes, and may run while other threads
   * only read. Checks the header (magic, version), the value's length against the memory and the
   * codec's bound, that the value decodes, and that it equals the value this cell holds on the
   * heap. Findings carry the offset of the field.
   *
   * @return the report; {@link dev.stablestructures.VerifyReport#assertOk()} throws if it has
   *     findings
   */
  public dev.stablestructures.VerifyReport verify() {
    return CellVerifier.verify(memory, codec, value);
  }

  /**
   * Returns the memory the cell lives in.
   *
   * @return the memory
   */
  public Memory memory() {
    return memory;
  }

  /**
   * Returns the value's codec.
   *
   * @return the codec
   */
  public Codec<T> codec() {
    return codec;
  }

  // Growth comes first so that a full memory leaves the old cell intact even without the step the
  // caller runs this in.
  private static void flush(Memory writes, byte[] bytes) {
    Memories.ensureCapacity(writes, HEADER_SIZE + (long) bytes.length);
    writes.write(0, MAGIC.header(LAYOUT_VERSION));
    writes.writeIntLE(LENGTH_OFFSET, bytes.length);
    writes.write(HEADER_SIZE, bytes);
  }

  @Override
  public String toString() {
    return "StableCell[" + value + "]";
  }
}
