package dev.stablestructures;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a structure's {@code verify()} found when it walked its stored image: the damage, as a list
 * of {@link Finding}s (empty when the image is sound), and what it counted on the way (entries,
 * nodes, depth, free chunks, bytes used, ...). Immutable.
 *
 * <p>A walk over a damaged image may meet the same damage many times (every element of a vector
 * whose slots were overwritten); the report keeps the first {@value #MAX_FINDINGS} findings and
 * counts the rest ({@link #findingCount()}).
 *
 * <p>{@link #assertOk()} turns a report with findings into a {@link CorruptedStructureException}
 * naming the first one, for code that wants to stop on damage.
 */
public final class VerifyReport {
  /** The most findings a report keeps; later ones are only counted. */
  public static final int MAX_FINDINGS = 100;

  private static final int SHOWN = 48;

  /** Count name: entries (elements, items) counted in the image. */
  public static final String ENTRIES = "entries";

  /** Count name: the structure's bytes in use, from address 0. */
  public static final String BYTES_USED = "bytesUsed";

  /** Count name: nodes of a B-tree, leaves and internal nodes together. */
  public static final String NODES = "nodes";

  /** Count name: node levels of a B-tree (0 when empty, 1 for a root leaf). */
  public static final String DEPTH = "depth";

  /** Count name: overflow pages of a B-tree's V2 nodes. */
  public static final String OVERFLOW_PAGES = "overflowPages";

  /** Count name: chunks on a B-tree allocator's free list (the frontier not counted). */
  public static final String FREE_CHUNKS = "freeChunks";

  /**
   * One piece of damage: where it is and what was expected there.
   *
   * @param structure what the address is in, such as {@code "StableBTreeMap"} or {@code "StableLog
   *     index"}
   * @param address the byte offset, in that structure's memory, of the node, slot or field that is
   *     wrong (for a B-tree node, the node's address)
   * @param field the field that is wrong, such as {@code "entry count"} or {@code "key 3"}
   * @param expected what a sound image holds there
   * @param found what the image holds
   */
  public record Finding(
      String structure, long address, String field, String expected, String found) {
    /**
     * Checks the parts.
     *
     * @param structure what the address is in
     * @param address the byte offset of what is wrong
     * @param field the field that is wrong
     * @param expected what a sound image holds there
     * @param found what the image holds
     * @throws NullPointerException if a text is null
     */
    public Finding {
      Objects.requireNonNull(structure, "structure");
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(expected, "expected");
      Objects.requireNonNull(found, "found");
    }

    @Override
    public String toString() {
      return structure
          + " at "
          + address
          + ", "
          + field
          + ": expected "
          + expected
          + ", found "
          + found;
    }
  }

  private final String structure;
  private final List<Finding> findings;
  private final long findingCount;
  private final Map<String, Long> counts;

  private VerifyReport(Builder builder) {
    this.structure = builder.structure;
    this.findings = Collections.unmodifiableList(new ArrayList<>(builder.findings));
    this.findingCount = builder.findingCount;
    this.counts = Collections.unmodifiableMap(new LinkedHashMap<>(builder.counts));
  }

  /**
   * Starts a report; the structures' verifiers fill it as they walk.
   *
   * @param structure what is verified, such as {@code "StableVec"}
   * @return an empty builder
   */
  public static Builder builder(String structure) {
    return new Builder(structure);
  }

  /**
   * Returns what was verified.
   *
   * @return the structure's name, such as {@code "StableBTreeMap"}
   */
  public String structure() {
    return structure;
  }

  /**
   * Tells whether the image is sound: nothing was found.
   *
   * @return true if there are no findings
   */
  public boolean isOk() {
    return findingCount == 0;
  }

  /**
   * Returns the findings kept, in the order the walk met them (at most {@value #MAX_FINDINGS}).
   *
   * @return an unmodifiable list, empty if the image is sound
   */
  public List<Finding> findings() {
    return findings;
  }

  /**
   * Returns how many findings the walk made, including those past {@value #MAX_FINDINGS}.
   *
   * @return the total count
   */
  public long findingCount() {
    return findingCount;
  }

  /**
   * Returns everything counted, in the order it was counted.
   *
   * @return an unmodifiable map from count name (such as {@link #ENTRIES}) to value
   */
  public Map<String, Long> counts() {
    return counts;
  }

  /**
   * Returns one count.
   *
   * @param name the count's name, such as {@link #ENTRIES}
   * @return its value
   * @throws IllegalArgumentException if this report has no such count
   */
  public long count(String name) {
    Long value = counts.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "the " + structure + " report has no count '" + name + "'; it has " + counts.keySet());
    }
    return value;
  }

  /**
   * Shows a stored value in a finding: its {@code toString}, a byte array as hex, cut to 48
   * characters.
   *
   * @param value a decoded value, or null
   * @return the text
   */
  public static String show(Object value) {
    String text;
    if (value instanceof byte[] bytes) {
      StringBuilder hex = new StringBuilder("0x");
      for (int i = 0; i < bytes.length && hex.length() <= SHOWN; i++) {
        hex.append(String.format("%02x", bytes[i] & 0xFF));
      }
      text = hex.toString();
    } else {
      text = String.valueOf(value);
    }
    return text.length() > SHOWN ? text.substring(0, SHOWN) + "..." : text;
  }

  /**
   * Throws if anything was found.
   *
   * @return this report, when it is sound
   * @throws CorruptedStructureException naming the first finding and how many more there are
   */
  public VerifyReport assertOk() {
    if (findingCount == 0) {
      return this;
    }
    String more = findingCount > 1 ? " (and " + (findingCount - 1) + " more findings)" : "";
    throw new CorruptedStructureException("verify found damage: " + findings.get(0) + more);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(structure);
    text.append(findingCount == 0 ? ": OK " : ": " + findingCount + " findings ").append(counts);
    for (Finding finding : findings) {
      text.append("\n  - ").append(finding);
    }
    if (findingCount > findings.size()) {
      text.append("\n  ... ").append(findingCount - findings.size()).append(" more");
    }
    return text.toString();
  }

  /** Collects findings and counts during a walk; not thread-safe, used by one verifier. */
  public static final class Builder {
    private final String structure;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private long findingCount;

    private Builder(String structure) {
      this.structure = Objects.requireNonNull(structure, "structure");
    }

    /**
     * Adds a finding in the builder's structure.
     *
     * @param address the byte offset of what is wrong
     * @param field the field that is wrong
     * @param expected what a sound image holds there (its {@code toString})
     * @param found what the image holds (its {@code toString})
     * @return this builder
     */
    public Builder finding(long address, String field, Object expected, Object found) {
      return finding(structure, address, field, expected, found);
    }

    /**
     * Adds a finding in a named part of the structure (one of a log's two memories, say).
     *
     * @param where what the address is in
     * @param address the byte offset of what is wrong
     * @param field the field that is wrong
     * @param expected what a sound image holds there
     * @param found what the image holds
     * @return this builder
     */
    public Builder finding(
        String where, long address, String field, Object expected, Object found) {
      findingCount++;
      if (findings.size() < MAX_FINDINGS) {
        findings.add(
            new Finding(where, address, field, String.valueOf(expected), String.valueOf(found)));
      }
      return this;
    }

    /**
     * Compares a stored number with the one the image should hold, adding a finding if they differ:
     * the expected value with where it comes from, against the stored value read unsigned.
     *
     * @param address the byte offset of the stored number
     * @param field the stored number's name
     * @param expected what a sound image holds there
     * @param source where {@code expected} comes from, such as {@code "the entries counted"}
     * @param stored what the image holds
     * @return true if they agree
     */
    public boolean expect(long address, String field, long expected, String source, long stored) {
      if (stored == expected) {
        return true;
      }
      finding(address, field, expected + " (" + source + ")", Long.toUnsignedString(stored));
      return false;
    }

    /**
     * Adds a finding for a read that failed: what the walk could not decode or follow.
     *
     * @param where what the address is in
     * @param address the byte offset of what is wrong
     * @param field the field that is wrong
     * @param expected what a sound image holds there
     * @param failure the exception the read threw; its type and message become the "found"
     * @return this builder
     */
    public Builder failed(
        String where, long address, String field, Object expected, RuntimeException failure) {
      return finding(
          where,
          address,
          field,
          expected,
          failure.getClass().getSimpleName() + " (" + failure.getMessage() + ")");
    }

    /**
     * Records a count (a later call with the same name replaces it).
     *
     * @param name the count's name
     * @param value its value
     * @return this builder
     */
    public Builder count(String name, long value) {
      counts.put(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    /**
     * Returns how many findings were added so far.
     *
     * @return the count
     */
    public long findingCount() {
      return findingCount;
    }

    /**
     * Checks a memory's header word: magic, then layout version, adding a finding for each that is
     * wrong.
     *
     * @param where what the header is in, such as {@code "StableLog data"}
     * @param first the memory's first {@value StructureMagic#HEADER_SIZE} bytes
     * @param magic the magic expected
     * @param version the layout version expected
     * @return true if both are right
     */
    public boolean header(String where, byte[] first, StructureMagic magic, int version) {
      if (!magic.matches(first)) {
        finding(where, 0, "magic", "'" + magic.magic() + "'", StructureMagic.describe(first));
        return false;
      }
      int found = first[3] & 0xFF;
      if (found != version) {
        finding(where, 3, "layout version", version, found);
        return false;
      }
      return true;
    }

    /**
     * Builds the immutable report.
     *
     * @return the report
     */
    public VerifyReport build() {
      return new VerifyReport(this);
    }
  }
}
