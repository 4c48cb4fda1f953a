package dev.stablestructures.basevec;

import dev.stablestructures.VerifyReport;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.memory.Memory;

/**
 * What a structure stored as a {@link BaseVec} slot array offers besides its own collection view:
 * the true length, the memory and codec it was opened with, and a check of the stored image. {@code
 * StableVec} and {@code StableMinHeap} implement it, so each documents and keeps only what it adds.
 *
 * @param <T> the element type
 */
public interface SlotArrayStructure<T> {
  /**
   * Returns the number of elements, as the crate's {@code len}.
   *
   * @return the length, never above {@code Long.MAX_VALUE}
   */
  long len();

  /**
   * Returns the number of elements as a {@code long}; same as {@link #len()}, for callers that
   * expect {@code Collection.size()}'s name ({@code size()} saturates at {@code
   * Integer.MAX_VALUE}).
   *
   * @return the length
   */
  default long longSize() {
    return len();
  }

  /**
   * Walks the stored image and reports any damage; never writes, and may run while other threads
   * only read. Checks the header (magic, version, the stored element bound equal to the codec's),
   * the stored length against the heap copy and against what the memory holds, every element within
   * its bound and decodable. A length too large for the memory is reported without reading any
   * element, so a damaged image cannot make it loop or allocate without bound. Findings carry the
   * offset of the header field or of the element's slot.
   *
   * @return the report; {@link VerifyReport#assertOk()} throws if it has findings
   */
  VerifyReport verify();

  /**
   * Returns the memory the structure lives in.
   *
   * @return the memory
   */
  Memory memory();

  /**
   * Returns the element codec.
   *
   * @return the codec
   */
  Codec<T> codec();
}
