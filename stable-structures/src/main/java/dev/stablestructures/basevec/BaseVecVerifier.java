package dev.stablestructures.basevec;

import dev.stablestructures.VerifyReport;
import dev.stablestructures.codec.Bound;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.memory.Memory;

/**
 * Walks a {@link BaseVec}'s stored image (see its class comment for the layout) and reports what is
 * wrong: the verify of {@code StableVec} and {@code StableMinHeap}. Reads only, through {@link
 * BaseVec#get}, and bounded: the element loop runs only once the stored length is known to fit the
 * memory, so it makes at most one pass over the memory's slots.
 *
 * <p>Findings about the header carry the field's offset; about an element, its slot's offset.
 */
public final class BaseVecVerifier {
  private BaseVecVerifier() {}

  /**
   * Verifies the slot array: header magic and version, the stored bound equal to the codec's, the
   * stored length equal to the heap copy and fitting the memory (the last element's prefix, or for
   * fixed-size elements its whole slot, inside it), every element within its bound and decodable,
   * and, for a heap, every element at least its parent ({@code (i - 1) / 2}) in the codec's order.
   *
   * @param vec the open array
   * @param heapOrdered whether to check the min-heap order
   * @param <T> the element type
   * @return the report, named by {@link BaseVec#kind()}; counts {@code entries}, {@code slotSize},
   *     {@code bytesUsed} (64 plus the slots of every element) and {@code memoryBytes}
   */
  public static <T> VerifyReport verify(BaseVec<T> vec, boolean heapOrdered) {
    String kind = vec.kind();
    VerifyReport.Builder report = VerifyReport.builder(kind);
    Memory memory = vec.memory();
    long size = memory.sizeInBytes();
    report.count("memoryBytes", size);
    if (size < BaseVec.DATA_OFFSET) {
      return report.finding(0, "memory size", "at least " + BaseVec.DATA_OFFSET, size).build();
    }
    byte[] first = memory.readBytes(0, dev.stablestructures.StructureMagic.HEADER_SIZE);
    if (!report.header(kind, first, vec.magic(), BaseVec.LAYOUT_VERSION)
        || !boundMatches(vec, memory, report)) {
      return report.build();
    }
    long length = memory.readLongLE(BaseVec.LEN_OFFSET);
    if (length != vec.len()) {
      report.finding(
          BaseVec.LEN_OFFSET,
          "cached length",
          Long.toUnsignedString(length) + " (stored)",
          vec.len());
    }
    long slot = vec.slotSize();
    long fits = fitting(vec, size);
    if (Long.compareUnsigned(length, fits) > 0) {
      return report
          .finding(
              BaseVec.LEN_OFFSET,
              "length",
              "at most " + fits + " (the slots the memory holds)",
              Long.toUnsignedString(length))
          .build();
    }
    // get() checks the heap length; elements past the smaller of the two are not reachable.
    long reachable = Math.min(length, vec.len());
    long checked = slot == 0 ? Math.min(reachable, 1) : reachable; // zero-size slots are all alike
    for (long i = 0; i < checked; i++) {
      T element = element(vec, i, report);
      if (heapOrdered && i > 0 && element != null) {
        checkOrder(vec, i, element, report);
      }
    }
    return report
        .count(VerifyReport.ENTRIES, length)
        .count("slotSize", slot)
        .count(VerifyReport.BYTES_USED, vec.slotOffset(length))
        .build();
  }

  private static boolean boundMatches(BaseVec<?> vec, Memory memory, VerifyReport.Builder report) {
    Bound bound = vec.codec().bound();
    long storedMax = memory.readIntLE(BaseVec.MAX_SIZE_OFFSET) & 0xFFFF_FFFFL;
    boolean storedFixed = memory.readByte(BaseVec.FIXED_OFFSET) != 0;
    boolean ok =
        report.expect(
            BaseVec.MAX_SIZE_OFFSET, "max element size", bound.maxSize(), "the codec's", storedMax);
    if (storedFixed != bound.isFixedSize()) {
      report.finding(
          BaseVec.FIXED_OFFSET,
          "fixed-size flag",
          bound.isFixedSize() ? 1 : 0,
          storedFixed ? 1 : 0);
      ok = false;
    }
    return ok;
  }

  /** The most elements the memory holds, as {@link BaseVec#load} counts them. */
  private static long fitting(BaseVec<?> vec, long size) {
    long slot = vec.slotSize();
    if (slot == 0) {
      return -1; // unsigned: any length
    }
    Bound bound = vec.codec().bound();
    long lastNeeds = bound.isFixedSize() ? slot : BaseVec.prefixSize(bound);
    long room = size - BaseVec.DATA_OFFSET - lastNeeds;
    return room < 0 ? 0 : room / slot + 1;
  }

  /** Reads element {@code i}, reporting a failure; null if it cannot be read. */
  private static <T> T element(BaseVec<T> vec, long i, VerifyReport.Builder report) {
    try {
      return vec.get(i);
    } catch (RuntimeException e) {
      report.failed(
          vec.kind(),
          vec.slotOffset(i),
          "element " + i,
          "an encoding within the bound that " + vec.codec() + " decodes",
          e);
      return null;
    }
  }

  private static <T> void checkOrder(
      BaseVec<T> vec, long i, T element, VerifyReport.Builder report) {
    long parentIndex = (i - 1) / 2;
    T parent;
    try {
      parent = vec.get(parentIndex);
    } catch (RuntimeException e) {
      return; // reported at the parent's own index
    }
    Codec<T> codec = vec.codec();
    if (codec.compare(parent, element) > 0) {
      report.finding(
          vec.slotOffset(i),
          "heap order (element " + i + ")",
          "at least element " + parentIndex + " (" + VerifyReport.show(parent) + ")",
          VerifyReport.show(element));
    }
  }
}
