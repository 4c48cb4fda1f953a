package dev.stablestructures.runtime;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.CorruptedStructureException;
import dev.stablestructures.StructureMagic;
import dev.stablestructures.UnsupportedVersionException;
import dev.stablestructures.codec.Principal;
import dev.stablestructures.memory.ByteArrays;
import dev.stablestructures.memory.Memory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The runtime's record of an installed canister, kept in memory {@value #MEMORY_ID} of its memory
 * manager so that it commits and rolls back with the canister's state: the installed code, the
 * version counter, the stable-memory version of the data, the principal and the named-memory
 * declarations. A Rust canister never opens memory 254 through this runtime, so the layout costs it
 * nothing. All integers are little-endian; the whole record is rewritten by the message that
 * changes it.
 *
 * <pre>
 * offset  size  field
 * ------  ----  ------------------------------------------------------------------
 *      0     3  magic "SRT" (53 52 54)
 *      3     1  layout version = 1
 *      4     4  u32  record length L in bytes, header and declarations
 *      8     4  u32  stable-memory version of the data (1 or more)
 *     12     4  u32  number of declarations D
 *     16     8  u64  code version: 1 at install, +1 at every upgrade and reinstall
 *     24     8  i64  last install, upgrade or reinstall, milliseconds since 1970 UTC
 *     32     1  u8   principal length P, 0 to 29
 *     33    29       principal bytes, then zeros
 *     62     2  u16  code name length N (UTF-8 bytes)
 *     64    32       code hash: SHA-256 of the jar or class files; zeros for a factory
 *     96     N       code name, UTF-8
 *   96+N   ...       D declarations, one after the other:
 *
 *                    size  field
 *                    ----  ----------------------------------------------------
 *                       2  u16  name length, then the name (UTF-8)
 *                       1  u8   kind (StructureKind.code(): 1 map ... 6 min-heap)
 *                       1  u8   memory id, 0 to 253
 *                       1  u8   a log's data memory id, or FF
 *                       2  u16  key codec name length, then the name (UTF-8)
 *                       2  u16  value codec name length (0 if none), then the name
 * </pre>
 *
 * <p>Bytes past L are left as an earlier, longer record wrote them and never read.
 */
final class RuntimeMetadata {
  /** The memory id that holds the record. */
  static final int MEMORY_ID = NamedMemories.RUNTIME_MEMORY_ID;

  /** The layout version this class reads and writes. */
  static final int LAYOUT_VERSION = 1;

  /** Bytes before the code name. */
  static final int HEADER_SIZE = 96;

  static final int LENGTH_OFFSET = 4;
  static final int STABLE_VERSION_OFFSET = 8;
  static final int DECLARATION_COUNT_OFFSET = 12;
  static final int CODE_VERSION_OFFSET = 16;
  static final int LAST_UPGRADE_OFFSET = 24;
  static final int PRINCIPAL_OFFSET = 32;
  static final int CODE_NAME_LENGTH_OFFSET = 62;
  static final int CODE_HASH_OFFSET = 64;
  static final int CODE_HASH_SIZE = 32;

  private static final StructureMagic MAGIC = StructureMagic.RUNTIME_METADATA;
  private static final int NO_MEMORY = 0xFF;
  private static final int MAX_TEXT = 0xFFFF;

  private int stableVersion;
  private long codeVersion;
  private long lastUpgradeMillis;
  private final Principal principal;
  private String codeName;
  private byte[] codeHash;
  private Declarations declarations;

  RuntimeMetadata(
      int stableVersion,
      long codeVersion,
      long lastUpgradeMillis,
      Principal principal,
      String codeName,
      byte[] codeHash,
      Declarations declarations) {
    this.stableVersion = stableVersion;
    this.codeVersion = codeVersion;
    this.lastUpgradeMillis = lastUpgradeMillis;
    this.principal = principal;
    this.codeName = codeName;
    this.codeHash = codeHash.clone();
    this.declarations = declarations;
  }

  /** A working copy for a message: changes to it reach the image only by {@link #write}. */
  RuntimeMetadata copy() {
    return new RuntimeMetadata(
        stableVersion,
        codeVersion,
        lastUpgradeMillis,
        principal,
        codeName,
        codeHash,
        declarations.copy());
  }

  int stableVersion() {
    return stableVersion;
  }

  void stableVersion(int version) {
    this.stableVersion = version;
  }

  long codeVersion() {
    return codeVersion;
  }

  long lastUpgradeMillis() {
    return lastUpgradeMillis;
  }

  Principal principal() {
    return principal;
  }

  String codeName() {
    return codeName;
  }

  byte[] codeHash() {
    return codeHash.clone();
  }

  Declarations declarations() {
    return declarations;
  }

  /** Records newly installed code: a new name and hash, the counter bumped, the time. */
  void installed(CanisterCode code, long nowMillis) {
    codeName = code.name();
    codeHash = code.hash();
    codeVersion++;
    lastUpgradeMillis = nowMillis;
  }

  // ---------------------------------------------------------------- the stored form

  /**
   * Reads the record, or answers null if the memory is empty (nothing installed).
   *
   * @param memory memory {@value #MEMORY_ID}
   * @return the record, or null
   * @throws BadMagicException if the memory holds something else
   * @throws UnsupportedVersionException if the record has another layout version
   * @throws CorruptedStructureException if the record is damaged
   */
  static RuntimeMetadata read(Memory memory) {
    if (memory.size() == 0) {
      return null;
    }
    byte[] head = memory.readBytes(0, HEADER_SIZE);
    MAGIC.checkHeader(head, LAYOUT_VERSION, "canister runtime metadata (memory 254)");
    long length = ByteArrays.getIntLE(head, LENGTH_OFFSET) & 0xFFFF_FFFFL;
    if (length < HEADER_SIZE || length > memory.sizeInBytes()) {
      throw corrupted(
          "record length " + length + " is outside [" + HEADER_SIZE + ", memory size]", 4);
    }
    byte[] bytes = memory.readBytes(0, (int) length);
    int pLength = bytes[PRINCIPAL_OFFSET] & 0xFF;
    if (pLength > Principal.MAX_LENGTH_IN_BYTES) {
      throw corrupted("principal length " + pLength + " is over 29", PRINCIPAL_OFFSET);
    }
    Principal principal =
        Principal.of(
            Arrays.copyOfRange(bytes, PRINCIPAL_OFFSET + 1, PRINCIPAL_OFFSET + 1 + pLength));
    int nameLength = ByteArrays.getShortLE(bytes, CODE_NAME_LENGTH_OFFSET) & 0xFFFF;
    Reader in = new Reader(bytes, HEADER_SIZE);
    String codeName = in.text(nameLength);
    long count = ByteArrays.getIntLE(bytes, DECLARATION_COUNT_OFFSET) & 0xFFFF_FFFFL;
    Declarations declarations = new Declarations();
    for (long i = 0; i < count; i++) {
      String name = in.text(in.u16());
      int kindOffset = in.at;
      StructureKind kind = StructureKind.ofCode(in.u8());
      if (kind == null) {
        throw corrupted("unknown structure kind " + bytes[kindOffset], kindOffset);
      }
      int id = in.u8();
      int dataId = in.u8();
      String keyCodec = in.text(in.u16());
      String valueCodec = in.text(in.u16());
      if ((kind == StructureKind.LOG) == (dataId == NO_MEMORY)) {
        throw corrupted("declaration '" + name + "' has a data memory id of " + dataId, kindOffset);
      }
      declarations.add(
          new MemoryDeclaration(
              name, kind, id, dataId == NO_MEMORY ? -1 : dataId, keyCodec, valueCodec));
    }
    int stableVersion = ByteArrays.getIntLE(bytes, STABLE_VERSION_OFFSET);
    if (stableVersion < 1) {
      throw corrupted("stable-memory version " + stableVersion + " is below 1", 8);
    }
    return new RuntimeMetadata(
        stableVersion,
        ByteArrays.getLongLE(bytes, CODE_VERSION_OFFSET),
        ByteArrays.getLongLE(bytes, LAST_UPGRADE_OFFSET),
        principal,
        codeName,
        Arrays.copyOfRange(bytes, CODE_HASH_OFFSET, CODE_HASH_OFFSET + CODE_HASH_SIZE),
        declarations);
  }

  /**
   * Writes the whole record at offset 0, growing the memory if it must.
   *
   * @param memory memory {@value #MEMORY_ID}
   */
  void write(Memory memory) {
    byte[] bytes = encode();
    memory.ensureCapacity(bytes.length);
    memory.write(0, bytes);
  }

  byte[] encode() {
    Writer out = new Writer();
    out.bytes(MAGIC.header(LAYOUT_VERSION));
    out.u32(0); // the length, set below
    out.u32(stableVersion);
    out.u32(declarations.list().size());
    out.u64(codeVersion);
    out.u64(lastUpgradeMillis);
    byte[] p = principal.toBytes();
    out.u8(p.length);
    out.bytes(Arrays.copyOf(p, Principal.MAX_LENGTH_IN_BYTES));
    byte[] name = utf8(codeName, "code name");
    out.u16(name.length);
    out.bytes(codeHash.length == CODE_HASH_SIZE ? codeHash : Arrays.copyOf(codeHash, 32));
    out.bytes(name);
    for (MemoryDeclaration d : declarations.list()) {
      out.text(d.name(), "memory name");
      out.u8(d.kind().code());
      out.u8(d.memoryId());
      out.u8(d.dataMemoryId() < 0 ? NO_MEMORY : d.dataMemoryId());
      out.text(d.keyCodec(), "codec name");
      out.text(d.valueCodec(), "codec name");
    }
    byte[] bytes = out.toByteArray();
    ByteArrays.putIntLE(bytes, LENGTH_OFFSET, bytes.length);
    return bytes;
  }

  private static byte[] utf8(String text, String what) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_TEXT) {
      throw new IllegalArgumentException(
          "a " + what + " has at most " + MAX_TEXT + " UTF-8 bytes; found " + bytes.length);
    }
    return bytes;
  }

  private static CorruptedStructureException corrupted(String what, int offset) {
    return new CorruptedStructureException(
        "corrupted canister runtime metadata (memory 254) at offset " + offset + ": " + what);
  }

  @Override
  public String toString() {
    return "RuntimeMetadata[code '"
        + codeName
        + "' version "
        + codeVersion
        + ", stable version "
        + stableVersion
        + ", "
        + declarations.list().size()
        + " named memories, principal "
        + principal
        + "]";
  }

  /** Bounds-checked reads of the variable part. */
  private static final class Reader {
    private final byte[] bytes;
    int at;

    Reader(byte[] bytes, int at) {
      this.bytes = bytes;
      this.at = at;
    }

    private void need(int n) {
      if (at + n > bytes.length) {
        throw corrupted("the record ends before a field of " + n + " bytes", at);
      }
    }

    int u8() {
      need(1);
      return bytes[at++] & 0xFF;
    }

    int u16() {
      need(2);
      int v = ByteArrays.getShortLE(bytes, at) & 0xFFFF;
      at += 2;
      return v;
    }

    String text(int length) {
      need(length);
      String s = new String(bytes, at, length, StandardCharsets.UTF_8);
      at += length;
      return s;
    }
  }

  /** Little-endian appends. */
  private static final class Writer {
    private byte[] bytes = new byte[256];
    private int size;

    private void ensure(int n) {
      if (size + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
      }
    }

    void bytes(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, bytes, size, b.length);
      size += b.length;
    }

    void u8(int v) {
      ensure(1);
      bytes[size++] = (byte) v;
    }

    void u16(int v) {
      ensure(2);
      ByteArrays.putShortLE(bytes, size, v);
      size += 2;
    }

    void u32(int v) {
      ensure(4);
      ByteArrays.putIntLE(bytes, size, v);
      size += 4;
    }

    void u64(long v) {
      ensure(8);
      ByteArrays.putLongLE(bytes, size, v);
      size += 8;
    }

    void text(String text, String what) {
      byte[] b = utf8(text, what);
      u16(b.length);
      bytes(b);
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, size);
    }
  }
}
