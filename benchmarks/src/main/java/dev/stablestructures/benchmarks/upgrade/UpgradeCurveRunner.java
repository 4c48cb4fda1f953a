package dev.stablestructures.benchmarks.upgrade;

import com.google.gson.GsonBuilder;
import dev.stablestructures.benchmarks.report.UpgradePoint;
import dev.stablestructures.runtime.CallResult;
import dev.stablestructures.runtime.CanisterCode;
import dev.stablestructures.runtime.Host;
import dev.stablestructures.runtime.HostOptions;
import dev.stablestructures.runtime.UpgradeOptions;
import dev.stablestructures.runtime.meter.CostReport;
import dev.stablestructures.runtime.meter.MeterLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Measures the upgrade-cost curve (issue 11) and writes {@code upgrade-curve.json}: for each state
 * size, both contenders on an image file through the runtime's {@link Host}: install, fill through
 * update messages, then one upgrade not timed and a few timed ones, each from the upgrade message
 * to the first query answered by the new instance ({@link System#nanoTime}; the old instance is
 * dropped and the new code started on the same file in between). The median time is kept, with the
 * last upgrade message's metered cost: counts do not depend on the machine, and every upgrade after
 * the first costs the same (the first of (b) also allocates its snapshot's buckets, a few thousand
 * instructions more).
 *
 * <p>Not JMH: each point is one upgrade of a state that takes seconds to minutes to build. The host
 * runs without caps ({@link MeterLimits#unlimited()}) so a contender past an IC limit is still
 * measured; the report compares the counts with {@link MeterLimits#ic()}.
 *
 * <pre>
 * java -Xmx12g -cp benchmarks/target/benchmarks.jar \
 *   dev.stablestructures.benchmarks.upgrade.UpgradeCurveRunner \
 *   --sizes 10m,100m,1g,4g --value-bytes 1024 --repetitions 3 --out upgrade-curve.json
 * </pre>
 *
 * <p>Heap: contender (b) holds its state twice during an upgrade (the old instance's map until the
 * upgrade commits, the new one's as {@code postUpgrade} reads it), so it needs about 2.5 × the
 * largest state of heap: {@link #heapFor(long)} (12 GiB for 4 GiB). Disk: the image of (a), and the
 * image and journal of (b), about 3 × the largest state, in {@code --dir} (default a temporary
 * directory), deleted after each point.
 */
public final class UpgradeCurveRunner {
  /** Bytes of stable memory one fill message writes at most (far below an update's 2 GiB cap). */
  static final long FILL_BYTES_PER_MESSAGE = 32L << 20;

  /** Bytes of state of the warm-up run (classes loaded, paths compiled) before the points. */
  static final int WARMUP_BYTES = 1 << 20;

  private UpgradeCurveRunner() {}

  /**
   * Runs the curve.
   *
   * @param args {@code --sizes LIST --value-bytes N --repetitions N --out FILE [--dir DIR]}; sizes
   *     like {@code 1m,10m,1g} (binary units)
   * @throws IOException if the images or the output cannot be written
   */
  public static void main(String[] args) throws IOException {
    List<Long> sizes = List.of(10L << 20);
    int valueBytes = 1024;
    int repetitions = 3;
    Path out = Path.of("upgrade-curve.json");
    Path dir = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sizes" ->
            sizes = Stream.of(args[++i].split(",")).map(UpgradeCurveRunner::bytes).toList();
        case "--value-bytes" -> valueBytes = Integer.parseInt(args[++i]);
        case "--repetitions" -> repetitions = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("upgrade");
    List<UpgradePoint> points = run(sizes, valueBytes, repetitions, work);
    write(points, out);
    if (dir == null) {
      delete(work);
    }
    System.out.println("wrote " + out);
  }

  /**
   * Measures every size for both contenders, after a small warm-up run of each.
   *
   * @param sizes state sizes in bytes of values
   * @param valueBytes bytes of each value
   * @param repetitions upgrades per point
   * @param dir where the images go (each deleted after its point)
   * @return the points, (a) then (b) for each size
   */
  public static List<UpgradePoint> run(
      List<Long> sizes, int valueBytes, int repetitions, Path dir) {
    for (String contender : List.of(UpgradePoint.STABLE, UpgradePoint.HEAP)) {
      measure(contender, WARMUP_BYTES, valueBytes, 1, dir);
    }
    List<UpgradePoint> points = new ArrayList<>();
    for (long size : sizes) {
      for (String contender : List.of(UpgradePoint.STABLE, UpgradePoint.HEAP)) {
        UpgradePoint p = measure(contender, size, valueBytes, repetitions, dir);
        System.out.printf(
            Locale.ROOT,
            "%-16s %,15d bytes  %,10d entries  %10.3f ms  %,18d instructions%n",
            p.contender(),
            p.stateBytes(),
            p.entries(),
            p.seconds() * 1e3,
            p.instructions());
        points.add(p);
      }
    }
    return points;
  }

  /**
   * One point: a fresh image, install, fill, an upgrade not timed, {@code repetitions} timed ones.
   *
   * @param contender {@link UpgradePoint#STABLE} or {@link UpgradePoint#HEAP}
   * @param stateBytes bytes of values to hold
   * @param valueBytes bytes of each value
   * @param repetitions timed upgrades
   * @param dir where the image goes (deleted after)
   * @return the point
   */
  public static UpgradePoint measure(
      String contender, long stateBytes, int valueBytes, int repetitions, Path dir) {
    CanisterCode code = code(contender);
    long entries = Math.max(1, stateBytes / valueBytes);
    Path image = dir.resolve(contender + "-" + stateBytes + ".img");
    double[] seconds = new double[repetitions];
    CostReport report = null;
    try {
      try (Host host = Host.open(image, HostOptions.defaults().limits(MeterLimits.unlimited()))) {
        host.install(code, new byte[0]);
        fill(host, entries, valueBytes);
        byte[] probe = StateArgs.key(entries / 2);
        // Repetition -1 is not timed: it meets the fill's pages still being written back and
        // (for (b)) writes its snapshot into fresh pages; the timed ones are the steady state.
        for (int r = -1; r < repetitions; r++) {
          System.gc();
          long start = System.nanoTime();
          CallResult upgrade = host.upgrade(code, new byte[0], UpgradeOptions.DEFAULT);
          byte[] first = host.query("get", probe).reply();
          long took = System.nanoTime() - start;
          check(first, entries / 2, valueBytes);
          if (r >= 0) {
            seconds[r] = took / 1e9;
            report = upgrade.report();
          }
        }
      }
    } finally {
      deleteImage(dir, image);
    }
    Arrays.sort(seconds);
    return new UpgradePoint(
        contender,
        entries,
        entries * valueBytes,
        valueBytes,
        seconds[repetitions / 2],
        repetitions,
        report.instructions(),
        report.calls(),
        report.bytesRead(),
        report.bytesWritten(),
        report.dirtyPages());
  }

  /**
   * The code of a contender, the same before and after the upgrade: each upgrade makes a new
   * instance, so the old instance's heap state is gone (the class has no static state).
   */
  static CanisterCode code(String contender) {
    Supplier<? extends dev.stablestructures.runtime.Canister> factory =
        switch (contender) {
          case UpgradePoint.STABLE -> StableStateCanister::new;
          case UpgradePoint.HEAP -> HeapStateCanister::new;
          default ->
              throw new IllegalArgumentException(
                  "no upgrade contender "
                      + contender
                      + "; expected "
                      + UpgradePoint.STABLE
                      + " or "
                      + UpgradePoint.HEAP);
        };
    return CanisterCode.fromFactory(contender, factory);
  }

  /** Fills the state through update messages of at most {@link #FILL_BYTES_PER_MESSAGE} each. */
  private static void fill(Host host, long entries, int valueBytes) {
    int perMessage = (int) Math.max(1, FILL_BYTES_PER_MESSAGE / valueBytes);
    for (long first = 0; first < entries; first += perMessage) {
      int count = (int) Math.min(perMessage, entries - first);
      host.update("fill", new StateArgs.Fill(first, count, valueBytes).encode());
    }
  }

  private static void check(byte[] reply, long key, int valueBytes) {
    if (!Arrays.equals(reply, StateArgs.value(key, valueBytes))) {
      throw new IllegalStateException(
          "the first read after the upgrade answered "
              + reply.length
              + " bytes that are not key "
              + key
              + "'s value: the state did not survive");
    }
  }

  /**
   * The heap a JVM running {@code sizes} needs: 2.5 × the largest state (both instances' maps of
   * (b) and the garbage of the one before), plus 2 GiB.
   *
   * @param largestState the largest state in bytes
   * @return an {@code -Xmx} flag
   */
  public static String heapFor(long largestState) {
    long gib = (long) Math.ceil(largestState * 2.5 / (1L << 30)) + 2;
    return "-Xmx" + gib + "g";
  }

  /**
   * Parses a size like {@code 10m} or {@code 4g} (binary units; a bare number is bytes).
   *
   * @param text the size
   * @return bytes
   */
  public static long bytes(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    int shift =
        switch (t.charAt(t.length() - 1)) {
          case 'k' -> 10;
          case 'm' -> 20;
          case 'g' -> 30;
          default -> 0;
        };
    String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
    return Long.parseLong(digits) << shift;
  }

  /**
   * A size as {@link #bytes} reads it, in the largest binary unit that divides it.
   *
   * @param bytes bytes
   * @return e.g. {@code 10m}
   */
  public static String label(long bytes) {
    for (String unit : new String[] {"g", "m", "k"}) {
      int shift = unit.equals("g") ? 30 : unit.equals("m") ? 20 : 10;
      if (bytes >= 1L << shift && bytes % (1L << shift) == 0) {
        return (bytes >> shift) + unit;
      }
    }
    return Long.toString(bytes);
  }

  /**
   * Writes the points as JSON.
   *
   * @param points the points
   * @param out the file
   * @throws IOException if it cannot be written
   */
  public static void write(List<UpgradePoint> points, Path out) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Files.writeString(out, new GsonBuilder().setPrettyPrinting().create().toJson(points));
  }

  private static void deleteImage(Path dir, Path image) {
    String name = image.getFileName().toString();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith(name)).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
