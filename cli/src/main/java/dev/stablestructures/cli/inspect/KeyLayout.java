package dev.stablestructures.cli.inspect;

import dev.stablestructures.StableStructureException;
import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.Memory;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * Finds how a V2 B-tree stores its keys, which its header does not say: the crate writes a key's
 * length before it unless the key type is fixed-size ({@code u64}, {@code u32}, {@code [u8; N]}),
 * so a tree of {@code u64} keys must be read with 8-byte keys and no lengths. Values always carry a
 * length. Each candidate (lengths first, then fixed sizes 1 to {@value #MAX_FIXED}) is opened and
 * probed: the first {@value #PROBE} entries and the last must read without error, in strictly
 * ascending unsigned byte order, and a tree that small must hold exactly its header's count. A
 * misread layout fails this at once (a length read from key bytes, keys out of order), so the probe
 * costs a few node reads per candidate; the verify walk that follows checks everything.
 */
final class KeyLayout {
  static final int MAX_FIXED = 256;
  static final int PROBE = 256;

  private KeyLayout() {}

  /** The bytes codec whose bound matches the tree's key layout; unbounded if none fits. */
  static Codec<byte[]> probe(Memory memory) {
    if (fits(memory, Codecs.bytes())) {
      return Codecs.bytes();
    }
    for (int size = 1; size <= MAX_FIXED; size++) {
      Codec<byte[]> fixed = Codecs.byteArray(size);
      if (fits(memory, fixed)) {
        return fixed;
      }
    }
    return Codecs.bytes();
  }

  private static boolean fits(Memory memory, Codec<byte[]> key) {
    try {
      StableBTreeMap<byte[], byte[]> map = StableBTreeMap.load(memory, key, Codecs.bytes());
      long length = map.longSize();
      if (length == 0) {
        return true;
      }
      Iterator<Map.Entry<byte[], byte[]>> it = map.entrySet().iterator();
      byte[] previous = null;
      long seen = 0;
      while (it.hasNext() && seen < PROBE) {
        byte[] k = it.next().getKey();
        if (previous != null && Arrays.compareUnsigned(previous, k) >= 0) {
          return false;
        }
        previous = k;
        seen++;
      }
      if (length <= PROBE && (seen != length || it.hasNext())) {
        return false;
      }
      Map.Entry<byte[], byte[]> last = map.lastEntry();
      return last != null && Arrays.compareUnsigned(previous, last.getKey()) <= 0;
    } catch (StableStructureException | IllegalArgumentException | IllegalStateException e) {
      return false;
    }
  }
}
