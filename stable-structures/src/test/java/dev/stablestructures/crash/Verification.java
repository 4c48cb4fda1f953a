package dev.stablestructures.crash;

import dev.stablestructures.VerifyReport;
import dev.stablestructures.btreemap.StableBTreeMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The structural checks of a reopened file, whatever the model says: the single place where the
 * structures' own {@code verify()} calls go.
 *
 * <p>Today no structure has {@code verify()} (issue 9 adds one to each, returning a report that
 * never writes), so this class checks what the public API can show: each B-tree iterates in
 * strictly ascending key order and its {@code size()} equals the entries iterated; the heap's array
 * order keeps the heap property; the log's index offsets are consistent ({@code
 * StableLog.validate()}), and {@link #structureVerify} runs every structure's own {@code verify()}
 * (the manager's too) and adds each report's findings with {@link Findings#add}, kind {@code
 * "verify: <finding field>"}.
 */
final class Verification {
  private Verification() {}

  /**
   * Runs every structural check on the structures that loaded.
   *
   * @param reopened the structures
   * @param model the state being compared, which bounds every walk (a damaged image may link a node
   *     back to an earlier one)
   * @param findings where problems go
   */
  static void check(Reopened reopened, Model model, Findings findings) {
    if (reopened.map() != null) {
      findings.guardRun(
          Reopened.MAP,
          "ordered walk",
          () -> orderAndSize(Reopened.MAP, reopened.map(), model.map.size(), findings));
    }
    if (reopened.blobs() != null) {
      findings.guardRun(
          Reopened.BLOBS,
          "ordered walk",
          () -> orderAndSize(Reopened.BLOBS, reopened.blobs(), model.blobs.size(), findings));
    }
    if (reopened.heap() != null) {
      findings.guardRun(Reopened.HEAP, "heap-order walk", () -> heapOrder(reopened, findings));
    }
    if (reopened.log() != null) {
      findings.guardRun(Reopened.LOG, "validate", () -> reopened.log().validate());
    }
    structureVerify(reopened, findings);
  }

  /**
   * The structures' own {@code verify()}: every structure that loaded, and the manager, each
   * report's findings added with kind {@code "verify: <field>"}.
   *
   * @param reopened the structures that loaded
   * @param findings where their reports' findings go
   */
  static void structureVerify(Reopened reopened, Findings findings) {
    report(Reopened.MANAGER, () -> reopened.manager().verify(), findings);
    if (reopened.map() != null) {
      report(Reopened.MAP, () -> reopened.map().verify(), findings);
    }
    if (reopened.blobs() != null) {
      report(Reopened.BLOBS, () -> reopened.blobs().verify(), findings);
    }
    if (reopened.vec() != null) {
      report(Reopened.VEC, () -> reopened.vec().verify(), findings);
    }
    if (reopened.cell() != null) {
      report(Reopened.CELL, () -> reopened.cell().verify(), findings);
    }
    if (reopened.log() != null) {
      report(Reopened.LOG, () -> reopened.log().verify(), findings);
    }
    if (reopened.heap() != null) {
      report(Reopened.HEAP, () -> reopened.heap().verify(), findings);
    }
  }

  private static void report(String structure, Supplier<VerifyReport> verify, Findings findings) {
    findings.guardRun(
        structure,
        "verify",
        () -> {
          for (VerifyReport.Finding finding : verify.get().findings()) {
            findings.add(structure, "verify: " + finding.field(), finding.toString());
          }
        });
  }

  private static <V> void orderAndSize(
      String name, StableBTreeMap<Long, V> map, int expected, Findings findings) {
    long limit = expected + (long) StateCheck.SLACK;
    long count = 0;
    Long previous = null;
    Iterator<Map.Entry<Long, V>> entries = map.entrySet().iterator();
    while (entries.hasNext()) {
      if (count == limit) {
        findings.add(name, "walk does not end", "still going after " + limit + " entries");
        return;
      }
      long key = entries.next().getKey();
      if (previous != null && Long.compareUnsigned(previous, key) >= 0) {
        findings.add(
            name,
            "keys out of order or repeated",
            "entry " + count + ": key " + key + " after " + previous);
      }
      previous = key;
      count++;
    }
    long size = map.longSize();
    if (size != count) {
      findings.add(
          name, "size() disagrees with its entries", "size() " + size + ", iterated " + count);
    }
  }

  private static void heapOrder(Reopened reopened, Findings findings) {
    long[] items = StateCheck.heapItems(reopened.heap(), findings);
    if (items == null) {
      return;
    }
    for (int k = 1; k < items.length; k++) {
      if (Long.compareUnsigned(items[(k - 1) / 2], items[k]) > 0) {
        findings.add(
            Reopened.HEAP,
            "heap order broken",
            "item " + k + " (" + items[k] + ") below its parent (" + items[(k - 1) / 2] + ")");
        return;
      }
    }
  }
}
