package dev.stablestructures.benchmarks;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.internal.ToolHooks;
import dev.stablestructures.memory.FileMemory;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Journal;
import dev.stablestructures.memory.Memories;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.tx.Transaction;
import dev.stablestructures.tx.Transactions;
import dev.stablestructures.vectors.SplitMix64;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the undo journal costs the B-tree: inserts of fresh random u64 keys into a u64-to-u64 map of
 * 1M entries, on a {@link FileMemory} (its journal in a mapped {@code .journal} file) or a {@link
 * HeapMemory}. An invocation inserts a batch of {@value #BATCH} keys absent from the map and is
 * reported per key; the batch is removed again after it, outside the measurement, so the map stays
 * at 1M entries however long the run (as {@code BTreeMapBenchmark}'s put).
 *
 * <ul>
 *   <li>{@code insert}, {@code journaled = true}: each insert is its own transaction (one journal
 *       step, the default outside a transaction);
 *   <li>{@code insert}, {@code journaled = false}: no journaling at all ({@link
 *       ToolHooks#withoutUndoJournal}), the baseline;
 *   <li>{@code insertHundredPerTransaction}: the batch in explicit transactions of {@value
 *       #PER_TRANSACTION} inserts, each insert a savepoint in one (run it with {@code journaled =
 *       true});
 *   <li>{@code emptyStep}: a step opened and committed with no write, the fixed cost of an
 *       operation's own transaction;
 *   <li>{@code get}: a lookup of a key of the map; reads never take a step.
 * </ul>
 *
 * <p>Targets (issue 9): one insert per transaction at most 1.3x the baseline, 100 per transaction
 * at most 1.1x, get unchanged.
 *
 * <p>Measured on 2 cores shared with other jobs, {@code -f 1 -wi 2 -i 3}, quietest run, ns per
 * insert: file, one per transaction 1424 (iterations 1284, 1240, 1748), no journaling 922, 100 per
 * transaction 1639 (1316 for a tree without its own steps inside the same transactions); heap 1182,
 * 980 and 1427; an empty step 15 (file), 13 (heap). Allocation is 1132 B per insert with and
 * without journaling. Over the targets: the cost is the journal's records (an insert saved 2.5
 * blocks of 256 bytes, about 850 bytes, one of them the map's header block), not the steps. Since
 * the journal saves 64-byte blocks, an insert saves 2.6 records of about 400 bytes in all (1.5 and
 * 320 at 100 per transaction); see RESULTS.md for what that changed in time. With the records
 * staged in an array (session 11, a quieter machine, {@code -f 3 -wi 3 -i 5}, file): one per
 * transaction 1,041 ns against 836 without journaling (1.25x), 100 per transaction 1,059 against
 * 831 (1.27x), 977 for a tree without its own steps.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class BTreeJournalBenchmark {
  /** Fresh keys inserted per invocation. */
  static final int BATCH = 10_000;

  /** Inserts per explicit transaction in {@link #insertHundredPerTransaction}. */
  static final int PER_TRANSACTION = 100;

  private static final int BATCHES = 16;
  private static final int PROBES = 1 << 16;

  /** Entries in the map. */
  @Param({"1000000"})
  public int entries;

  /** Whether mutations run in a journal step. */
  @Param({"true", "false"})
  public boolean journaled;

  /** The memory: {@code file} (a FileMemory) or {@code heap}. */
  @Param({"file", "heap"})
  public String memory;

  private final long[] probes = new long[PROBES];
  private int nextProbe;
  long[] fresh;
  private Path dir;
  private Memory open;
  StableBTreeMap<Long, Long> tree;

  /** Builds the map, opens it on the memory, draws probe keys and batches of absent keys. */
  @Setup(Level.Trial)
  public void build() throws IOException {
    HeapMemory heap = new HeapMemory();
    StableBTreeMap<Long, Long> map = StableBTreeMap.init(heap, Codecs.u64(), Codecs.u64());
    SplitMix64 random = new SplitMix64(42);
    for (int i = 0; map.longSize() < entries; i++) {
      long key = random.next();
      map.insert(key, key);
      if (i < PROBES) {
        probes[i] = key;
      }
    }
    fresh = AbsentKeys.draw(map, BATCH * BATCHES, 7);
    Memory m;
    if (memory.equals("file")) {
      dir = Files.createTempDirectory("btree-journal-bench");
      Path file = dir.resolve("image.bin");
      Files.write(file, Memories.toByteArray(heap));
      m = FileMemory.open(file);
    } else {
      m = HeapMemory.of(Memories.toByteArray(heap));
    }
    open = m;
    tree =
        journaled
            ? StableBTreeMap.load(m, Codecs.u64(), Codecs.u64())
            : ToolHooks.withoutUndoJournal(
                () -> StableBTreeMap.load(m, Codecs.u64(), Codecs.u64()));
    // Every batch in and out twice before measuring: the JIT has compiled both paths, and every
    // page the runs touch, of the image and of the journal file, has been faulted in and written,
    // so that the short runs (-wi 2 -i 3) measure the steady state.
    for (int round = 0; round < 2; round++) {
      for (long key : fresh) {
        tree.insert(key, key);
      }
      for (long key : fresh) {
        tree.remove(key);
      }
    }
  }

  /** Closes the file memory and deletes its image, journal and directory. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    if (open instanceof FileMemory f) {
      f.close();
      Files.deleteIfExists(f.path());
      Files.deleteIfExists(f.journalPath());
      Files.deleteIfExists(dir);
    }
  }

  /** Which batch of fresh keys the next invocation inserts; removed again after it. */
  @State(Scope.Thread)
  public static class Batch {
    int index;

    /** Removes the batch the last invocation inserted, so every batch meets the same map. */
    @TearDown(Level.Invocation)
    public void removeBatch(BTreeJournalBenchmark bench) {
      int from = index * BATCH;
      for (int i = from; i < from + BATCH; i++) {
        bench.tree.remove(bench.fresh[i]);
      }
      index = (index + 1) % BATCHES;
    }
  }

  /** {@value #BATCH} inserts, each its own transaction when journaled; reported per insert. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void insert(Batch batch, Blackhole sink) {
    int from = batch.index * BATCH;
    for (int i = from; i < from + BATCH; i++) {
      long key = fresh[i];
      sink.consume(tree.insert(key, key));
    }
  }

  /** {@value #BATCH} inserts in transactions of {@value #PER_TRANSACTION}; reported per insert. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void insertHundredPerTransaction(Batch batch, Blackhole sink) {
    int from = batch.index * BATCH;
    for (int t = from; t < from + BATCH; t += PER_TRANSACTION) {
      try (Transaction tx = Transactions.begin(open)) {
        for (int i = t; i < t + PER_TRANSACTION; i++) {
          long key = fresh[i];
          sink.consume(tree.insert(key, key));
        }
        tx.commit();
      }
    }
  }

  /**
   * The fixed cost of an operation's own transaction, without writes: one allocation-free step
   * opened and committed on the memory's journal (what every mutation adds before its records).
   */
  @Benchmark
  public void emptyStep() {
    Journal journal = open.journal();
    long step = journal.beginStep();
    try {
      journal.commitStep(step);
    } finally {
      journal.endStep(step);
    }
  }

  /** A lookup of a key the map holds. */
  @Benchmark
  public Long get() {
    return tree.get(probes[nextProbe++ & (PROBES - 1)]);
  }
}
