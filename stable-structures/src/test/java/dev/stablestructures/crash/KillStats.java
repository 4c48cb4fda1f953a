package dev.stablestructures.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tally of a kill run: kills, which state each reopened file held (that of the last op reported
 * committed, {@code i}, or that of the op in flight, {@code i + 1}), and every mismatch with its
 * kinds.
 */
final class KillStats {
  private int kills;
  private int atCommitted;
  private int atInFlight;
  private long opsCommitted;
  private int childFailures;
  private final List<String> mismatches = new ArrayList<>();
  private final Map<String, Integer> kinds = new TreeMap<>();

  /** Counts a kill whose file held the state of the last op reported committed. */
  void matchedCommitted() {
    kills++;
    atCommitted++;
  }

  /** Counts a kill whose file held the state of the op in flight. */
  void matchedInFlight() {
    kills++;
    atInFlight++;
  }

  /**
   * Counts a kill whose file held neither state.
   *
   * @param where the chain, kill and op, for the report
   * @param findings what differed from the nearer of the two states
   */
  void mismatch(String where, Findings findings) {
    kills++;
    mismatches.add(where + ": " + findings.list());
    findings.list().stream()
        .map(Findings.Finding::kind)
        .distinct()
        .forEach(kind -> kinds.merge(kind, 1, Integer::sum));
  }

  /**
   * Counts a child that ended by itself on the file the previous kill left (or on a fresh one):
   * damage the checks did not see, so a mismatch, though it is no kill of its own.
   *
   * @param where the chain and child, for the report
   * @param failure what the child printed
   */
  void childFailed(String where, ChildFailedException failure) {
    childFailures++;
    mismatches.add(where + ": the next child failed: " + failure.getMessage());
    String line = failure.firstLine();
    int colon = line.indexOf(": ");
    String kind = "next child died: " + (colon < 0 ? line : line.substring(0, colon));
    kinds.merge(kind, 1, Integer::sum);
  }

  /**
   * Adds ops a child committed.
   *
   * @param ops how many
   */
  void committedOps(long ops) {
    opsCommitted += ops;
  }

  /**
   * Returns the kills so far.
   *
   * @return the count
   */
  int kills() {
    return kills;
  }

  /**
   * Returns the kills whose file held the state of the op in flight.
   *
   * @return the count
   */
  int inFlight() {
    return atInFlight;
  }

  /**
   * Returns the mismatches, one line each.
   *
   * @return a copy
   */
  List<String> mismatches() {
    return List.copyOf(mismatches);
  }

  /**
   * Returns how many ops the children committed in all.
   *
   * @return the count
   */
  long opsCommitted() {
    return opsCommitted;
  }

  @Override
  public String toString() {
    StringBuilder text =
        new StringBuilder()
            .append(kills)
            .append(" kills, ")
            .append(opsCommitted)
            .append(" ops committed; reopened state: ")
            .append(atCommitted)
            .append(" x last committed (i), ")
            .append(atInFlight)
            .append(" x in flight (i+1), ")
            .append(mismatches.size())
            .append(" x neither (mismatch); ")
            .append(childFailures)
            .append(" accepted files on which the next child died (mismatch)");
    kinds.forEach(
        (kind, count) -> text.append("\n  ").append(count).append(" kills with: ").append(kind));
    return text.toString();
  }
}
