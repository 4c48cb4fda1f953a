package dev.stablestructures.crash;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.log.StableLog;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.minheap.StableMinHeap;
import dev.stablestructures.vec.StableVec;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Judges a reopened file against one state of the model: loads every structure, runs the structural
 * checks of {@link Verification}, and compares every structure's full content with the model. No
 * walk goes more than {@link #SLACK} entries past the model's size, so an image whose links loop
 * still gives an answer.
 */
final class StateCheck {
  /** How far past the model's size a walk may go before it is called endless. */
  static final int SLACK = 1_000;

  private StateCheck() {}

  /**
   * Checks {@code root} against the model's current state.
   *
   * @param root the reopened file memory
   * @param model the state expected
   * @return what differs; empty when the file holds exactly that state
   */
  static Findings check(Memory root, Model model) {
    Findings findings = new Findings();
    Reopened reopened = Reopened.load(root, findings);
    if (reopened == null) {
      return findings;
    }
    Verification.check(reopened, model, findings);
    if (reopened.map() != null) {
      findings.guardRun(
          Reopened.MAP,
          "read",
          () -> compareMap(Reopened.MAP, reopened.map(), model.map, Long::equals, findings));
    }
    if (reopened.blobs() != null) {
      findings.guardRun(
          Reopened.BLOBS,
          "read",
          () ->
              compareMap(Reopened.BLOBS, reopened.blobs(), model.blobs, Arrays::equals, findings));
    }
    if (reopened.vec() != null) {
      findings.guardRun(
          Reopened.VEC, "read", () -> compareVec(reopened.vec(), model.vec, findings));
    }
    if (reopened.cell() != null) {
      findings.guardRun(
          Reopened.CELL,
          "read",
          () -> {
            byte[] value = reopened.cell().get();
            int at = Arrays.mismatch(value, model.cell);
            if (at >= 0) {
              findings.add(
                  Reopened.CELL,
                  "content differs from the model",
                  "value of "
                      + value.length
                      + " bytes, expected "
                      + model.cell.length
                      + "; first difference at byte "
                      + at);
            }
          });
    }
    if (reopened.log() != null) {
      findings.guardRun(
          Reopened.LOG, "read", () -> compareLog(reopened.log(), model.log, findings));
    }
    if (reopened.heap() != null) {
      findings.guardRun(Reopened.HEAP, "read", () -> compareHeap(reopened.heap(), model, findings));
    }
    return findings;
  }

  /**
   * Reads the heap's items in array order, or records why not.
   *
   * @param heap the heap
   * @param findings where a length too far from the model goes
   * @return the items, or null if the heap's length is implausible
   */
  static long[] heapItems(StableMinHeap<Long> heap, Findings findings) {
    long length = heap.len();
    if (length < 0 || length > Integer.MAX_VALUE - 8) {
      findings.add(Reopened.HEAP, "length implausible", "len() " + length);
      return null;
    }
    long[] items = new long[(int) length];
    int k = 0;
    for (Iterator<Long> it = heap.iterator(); it.hasNext() && k < items.length; k++) {
      items[k] = it.next();
    }
    return items;
  }

  private static <V> void compareMap(
      String name,
      StableBTreeMap<Long, V> actual,
      Map<Long, V> expected,
      BiPredicate<V, V> same,
      Findings findings) {
    Iterator<Map.Entry<Long, V>> found = actual.entrySet().iterator();
    Iterator<Map.Entry<Long, V>> wanted = expected.entrySet().iterator();
    long limit = expected.size() + (long) SLACK;
    long count = 0;
    String first = null;
    while (found.hasNext() && count < limit) {
      Map.Entry<Long, V> f = found.next();
      Map.Entry<Long, V> w = wanted.hasNext() ? wanted.next() : null;
      if (first == null) {
        if (w == null) {
          first = "entry " + count + ": found key " + f.getKey() + ", expected the end";
        } else if (!f.getKey().equals(w.getKey())) {
          first = "entry " + count + ": found key " + f.getKey() + ", expected " + w.getKey();
        } else if (!same.test(f.getValue(), w.getValue())) {
          first = "entry " + count + ": key " + f.getKey() + " has another value";
        }
      }
      count++;
    }
    if (first == null && count < expected.size()) {
      first = "ends after " + count + " entries, expected " + expected.size();
    }
    if (first != null) {
      findings.add(name, "content differs from the model", first);
    }
  }

  private static void compareVec(StableVec<byte[]> vec, List<byte[]> expected, Findings findings) {
    long length = vec.len();
    if (length != expected.size()) {
      findings.add(
          Reopened.VEC,
          "length differs from the model",
          "len() " + length + ", expected " + expected.size());
    }
    long common = Math.min(length, expected.size());
    for (long i = 0; i < common; i++) {
      if (!Arrays.equals(vec.get(i), expected.get((int) i))) {
        findings.add(Reopened.VEC, "content differs from the model", "element " + i);
        return;
      }
    }
  }

  private static void compareLog(StableLog<byte[]> log, List<byte[]> expected, Findings findings) {
    long length = log.len();
    if (length != expected.size()) {
      findings.add(
          Reopened.LOG,
          "length differs from the model",
          "len() " + length + ", expected " + expected.size());
    }
    long common = Math.min(length, expected.size());
    for (long i = 0; i < common; i++) {
      if (!Arrays.equals(log.get(i), expected.get((int) i))) {
        findings.add(Reopened.LOG, "content differs from the model", "entry " + i);
        return;
      }
    }
  }

  private static void compareHeap(StableMinHeap<Long> heap, Model model, Findings findings) {
    long[] items = heapItems(heap, findings);
    if (items == null) {
      return;
    }
    long[] sorted = items.clone();
    Arrays.sort(sorted); // every item is below 2^40, so signed order is the heap's unsigned order
    long[] expected = model.heap.stream().mapToLong(Long::longValue).sorted().toArray();
    int at = Arrays.mismatch(sorted, expected);
    if (at >= 0) {
      findings.add(
          Reopened.HEAP,
          "items differ from the model",
          items.length
              + " items, expected "
              + expected.length
              + "; in sorted order item "
              + at
              + " is "
              + (at < sorted.length ? Long.toString(sorted[at]) : "missing")
              + ", expected "
              + (at < expected.length ? Long.toString(expected[at]) : "none"));
    }
  }
}
