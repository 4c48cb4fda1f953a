package dev.stablestructures.benchmarks.peers;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Bytes per entry of every contender, not a timing: {@code entries} random inserts (the {@link
 * KeySpace} entries, a commit per 1,000 operations), then {@code removes} of them, measuring the
 * store after each phase. A store that never reuses freed space shows it in the second row.
 *
 * <p>File stores report the apparent size of their files and the bytes the file system allocated
 * for them ({@code du}; sparse files such as ours and Chronicle Map's differ a lot). Heap stores
 * report the growth of the used heap after full collections, an approximation. Writes its rows as
 * JSON beside JMH's, for the report generator.
 *
 * <pre>
 * java [PeerForks flags] -cp benchmarks.jar dev.stablestructures.benchmarks.peers.FootprintRunner \
 *   --entries 1000000 --removes 500000 --workloads U64,BLOB --out results/quick/footprint.json
 * </pre>
 */
public final class FootprintRunner {
  /** Operations per commit, the "one per 1,000 operations" setting. */
  static final int COMMIT_EVERY = 1_000;

  private FootprintRunner() {}

  /**
   * One measurement.
   *
   * @param contender the store's enum name
   * @param workload the workload's enum name
   * @param phase {@code inserted} or {@code removed}
   * @param liveEntries entries in the store when measured
   * @param fileBytes apparent size of its files (0 on the heap)
   * @param allocatedBytes bytes allocated for its files (-1 if unknown; 0 on the heap)
   * @param heapBytes growth of the used heap (0 for file stores, which keep little on the heap)
   */
  public record Footprint(
      String contender,
      String workload,
      String phase,
      long liveEntries,
      long fileBytes,
      long allocatedBytes,
      long heapBytes) {
    /**
     * The bytes the store takes per live entry: allocated file bytes, or heap bytes on the heap.
     *
     * @return bytes per entry
     */
    public double bytesPerEntry() {
      long bytes = heapBytes > 0 ? heapBytes : allocatedBytes >= 0 ? allocatedBytes : fileBytes;
      return liveEntries == 0 ? 0 : (double) bytes / liveEntries;
    }
  }

  /**
   * Runs the measurements the arguments name and writes them as JSON.
   *
   * @param args {@code --entries N --removes M --workloads A,B --contenders X,Y|ALL --out FILE}
   * @throws IOException if a store or the output cannot be written
   */
  public static void main(String[] args) throws IOException {
    int entries = 1_000_000;
    int removes = 500_000;
    List<Workload> workloads = List.of(Workload.U64);
    List<Contender> contenders = List.of(Contender.values());
    Path out = Path.of("footprint.json");
    for (int i = 0; i + 1 < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--entries" -> entries = Integer.parseInt(value);
        case "--removes" -> removes = Integer.parseInt(value);
        case "--workloads" ->
            workloads = Stream.of(value.split(",")).map(Workload::valueOf).toList();
        case "--contenders" ->
            contenders =
                value.equals("ALL")
                    ? List.of(Contender.values())
                    : Stream.of(value.split(",")).map(Contender::valueOf).toList();
        case "--out" -> out = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<Footprint> rows = new ArrayList<>();
    for (Workload w : workloads) {
      for (Contender c : contenders) {
        List<Footprint> measured = inOwnThread(c, w, entries, removes);
        measured.forEach(r -> System.out.printf("%s%n", r));
        rows.addAll(measured);
      }
    }
    write(rows, out);
  }

  /**
   * {@link #measure} in a thread of its own, joined before the next: a B-tree keeps a per-thread
   * cursor in a {@code ThreadLocal} that holds its memory until the thread's table drops the stale
   * entry, so one heap contender's image could still be reachable when the next one takes its
   * baseline (it was: 1.6 bytes per entry measured for ours on the heap inside a manager, run right
   * after ours on the heap). The thread's end releases everything it held.
   */
  static List<Footprint> inOwnThread(Contender c, Workload w, int entries, int removes)
      throws IOException {
    List<List<Footprint>> result = new ArrayList<>();
    IOException[] failure = new IOException[1];
    Thread t =
        new Thread(
            () -> {
              try {
                result.add(measure(c, w, entries, removes));
              } catch (IOException e) {
                failure[0] = e;
              }
            },
            "footprint-" + c.name());
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while measuring " + c, e);
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    if (result.isEmpty()) {
      throw new IOException("measuring " + c + " with " + w + " failed (see the thread's trace)");
    }
    return result.get(0);
  }

  /** Writes {@code rows} as a JSON array to {@code out}. */
  static void write(List<Footprint> rows, Path out) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Files.writeString(out, new GsonBuilder().setPrettyPrinting().create().toJson(rows));
  }

  /**
   * Inserts {@code entries}, measures, removes {@code removes} of them, measures again.
   *
   * @return the two rows
   */
  static List<Footprint> measure(Contender contender, Workload workload, int entries, int removes)
      throws IOException {
    long heapBefore = usedHeap();
    try (PeerFixture f = PeerFixture.empty(contender, workload, entries)) {
      for (int id = 0; id < entries; id++) {
        f.putNumber(KeySpace.random(id));
        if ((id + 1) % COMMIT_EVERY == 0) {
          f.store.commit();
        }
      }
      f.store.commit();
      Footprint inserted = measure(f, "inserted", entries, heapBefore);
      for (int id = 0; id < removes; id++) {
        f.store.remove(workload.key(KeySpace.random(id)));
        if ((id + 1) % COMMIT_EVERY == 0) {
          f.store.commit();
        }
      }
      f.store.commit();
      return List.of(inserted, measure(f, "removed", entries - removes, heapBefore));
    }
  }

  private static Footprint measure(PeerFixture f, String phase, long live, long heapBefore)
      throws IOException {
    long fileBytes = 0;
    try (Stream<Path> files = Files.walk(f.dir())) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        fileBytes += Files.size(p);
      }
    }
    boolean heap = f.contender.onHeap();
    return new Footprint(
        f.contender.name(),
        f.workload.name(),
        phase,
        live,
        fileBytes,
        heap ? 0 : allocated(f.dir()),
        heap ? Math.max(0, usedHeap() - heapBefore) : 0);
  }

  /** Bytes allocated on disk for the files under {@code dir}, from {@code du}; -1 if unknown. */
  static long allocated(Path dir) {
    try {
      Process du = new ProcessBuilder("du", "-s", "-B1", dir.toString()).start();
      String out;
      try (InputStream in = du.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      return du.waitFor() == 0 ? Long.parseLong(Arrays.asList(out.split("\\s+")).get(0)) : -1;
    } catch (IOException | NumberFormatException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static long usedHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
