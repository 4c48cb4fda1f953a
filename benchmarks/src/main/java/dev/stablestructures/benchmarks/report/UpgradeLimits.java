package dev.stablestructures.benchmarks.report;

import dev.stablestructures.runtime.meter.MessageKind;
import dev.stablestructures.runtime.meter.MeterLimits;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Where a contender of the upgrade-cost curve stops upgrading on the IC: for each of the IC's caps
 * on an upgrade message ({@link MeterLimits#ic()}: 300 B instructions, 8 GiB read, 8 GiB written,
 * {@code preUpgrade} and {@code postUpgrade} together), the smallest state whose upgrade crosses
 * it: the first measured point over the cap, or, when none is, a straight line through the two
 * largest measured points (the counts of a serializing upgrade are affine in the state), carried on
 * to the cap.
 */
final class UpgradeLimits {
  private UpgradeLimits() {}

  /**
   * Where one cap is crossed.
   *
   * @param limit the cap's name ({@code instructions}, {@code bytes read}, {@code bytes written})
   * @param cap the cap
   * @param stateBytes the state at which the upgrade reaches the cap; infinite if it never does
   * @param measured true if a measured point is over the cap, false if extrapolated
   */
  record Crossing(String limit, long cap, double stateBytes, boolean measured) {}

  /**
   * The crossings of every cap for one contender's points, smallest state first.
   *
   * @param points the contender's points (any order; at least one)
   * @return one crossing per cap
   */
  static List<Crossing> crossings(List<UpgradePoint> points) {
    MeterLimits.Caps caps = MeterLimits.ic().of(MessageKind.UPGRADE);
    List<UpgradePoint> sorted =
        points.stream().sorted(Comparator.comparingLong(UpgradePoint::stateBytes)).toList();
    List<Crossing> out = new ArrayList<>();
    out.add(crossing("instructions", caps.instructions(), sorted, UpgradePoint::instructions));
    out.add(crossing("bytes read", caps.bytesRead(), sorted, UpgradePoint::bytesRead));
    out.add(crossing("bytes written", caps.bytesWritten(), sorted, UpgradePoint::bytesWritten));
    out.sort(Comparator.comparingDouble(Crossing::stateBytes));
    return out;
  }

  private static Crossing crossing(
      String limit, long cap, List<UpgradePoint> sorted, ToLongFunction<UpgradePoint> count) {
    for (UpgradePoint p : sorted) {
      if (count.applyAsLong(p) > cap) {
        return new Crossing(limit, cap, p.stateBytes(), true);
      }
    }
    UpgradePoint last = sorted.get(sorted.size() - 1);
    double x1 = last.stateBytes();
    double y1 = count.applyAsLong(last);
    double x0 = 0;
    double y0 = 0;
    if (sorted.size() > 1) {
      UpgradePoint before = sorted.get(sorted.size() - 2);
      x0 = before.stateBytes();
      y0 = count.applyAsLong(before);
    }
    double slope = (y1 - y0) / (x1 - x0);
    double at = slope > 0 ? x1 + (cap - y1) / slope : Double.POSITIVE_INFINITY;
    return new Crossing(limit, cap, at, false);
  }
}
