package dev.stablestructures.benchmarks;

import dev.stablestructures.memory.Durability;
import dev.stablestructures.memory.FileMemory;
import dev.stablestructures.memory.FileMemoryOptions;
import dev.stablestructures.memory.Journal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the journal costs below every structure, on a 64 MiB {@link FileMemory}: an 8-byte write at
 * a random offset bare (no transaction), as its own transaction (the implicit one-operation
 * transaction of a structure), and as one of 100 in a transaction; the same write to one hot block;
 * and the latency of a one-write commit in {@link Durability#POWER_LOSS} mode, whose three syncs
 * dominate.
 *
 * <p>A write inside a transaction first reads the 64-byte block it lands in (to save it), so at a
 * random offset it waits for a cache miss that the bare store, buffered by the CPU, does not; in a
 * structure the block was usually just read anyway (the node being changed).
 *
 * <p>Measured with 256-byte blocks, on 2 shared cores, {@code -f 1 -wi 2 -i 3} (noisy): bare 16 ns,
 * one-write transaction 324 ns, 100-write transaction 321 ns per write, hot block 120 ns (of which
 * about 60 are the record's CRC32C), power-loss commit 8.6 ms on average (three syncs on this
 * disk). With 64-byte blocks, before and after small records were staged in an array ({@code
 * JournalStorage.appendOld}; JDK 17, {@code -f 1 -wi 3 -i 5}, one run each): hot block 74.5 and
 * 62.6 ns, one-write transaction 248 and 236 ns. A savepoint writing the hot block (session 13,
 * {@code -f 1 -wi 3 -i 5}, two rounds of each jar interleaved on core 0): 78 ns with the savepoint
 * copies in a record-format heap journal, 60 ns with them in plain arrays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class JournalBenchmark {
  private static final long PAGES = 1024; // 64 MiB

  private Path dir;
  private FileMemory memory;
  private FileMemory synced;
  private Journal journal;
  private Journal syncedJournal;
  private long limit;
  private final SplittableRandom random = new SplittableRandom(1);
  private long counter;

  /** Opens both memories in a temporary directory and touches every page once. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("journal-bench");
    memory = FileMemory.open(dir.resolve("default.bin"));
    memory.grow(PAGES);
    limit = memory.sizeInBytes() - 8;
    for (long at = 0; at < memory.sizeInBytes(); at += 4096) {
      memory.writeLongLE(at, at);
    }
    journal = memory.journal();
    synced =
        FileMemory.open(
            dir.resolve("synced.bin"),
            FileMemoryOptions.defaults().durability(Durability.POWER_LOSS));
    synced.grow(16);
    syncedJournal = synced.journal();
  }

  /** Closes the memories and deletes their files. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    memory.close();
    synced.close();
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(dir);
  }

  private long offset() {
    return random.nextLong(limit) & ~7L;
  }

  /** A random 8-byte write with no transaction. */
  @Benchmark
  public void bareWrite() {
    memory.writeLongLE(offset(), counter++);
  }

  /** A random 8-byte write as its own transaction. */
  @Benchmark
  public void oneWriteTransaction() {
    long step = journal.beginStep();
    try {
      memory.writeLongLE(offset(), counter++);
      journal.commitStep(step);
    } finally {
      journal.endStep(step);
    }
  }

  /** 100 random 8-byte writes in one transaction; the time is per write. */
  @Benchmark
  @OperationsPerInvocation(100)
  public void hundredWriteTransaction() {
    long step = journal.beginStep();
    try {
      for (int i = 0; i < 100; i++) {
        memory.writeLongLE(offset(), counter++);
      }
      journal.commitStep(step);
    } finally {
      journal.endStep(step);
    }
  }

  /** A write to the same block as its own transaction: the journal's fixed cost. */
  @Benchmark
  public void oneWriteTransactionHotBlock() {
    long step = journal.beginStep();
    try {
      memory.writeLongLE((counter & 31) * 8, counter++);
      journal.commitStep(step);
    } finally {
      journal.endStep(step);
    }
  }

  /**
   * 100 savepoints in one transaction, each a write to the one hot block the transaction saved at
   * its begin: what a structure operation's own step costs inside a user's transaction (its header
   * block copied for the step alone). The time is per savepoint.
   */
  @Benchmark
  @OperationsPerInvocation(100)
  public void hundredSavepointsHotBlock() {
    long step = journal.beginStep();
    try {
      memory.writeLongLE(0, counter++);
      for (int i = 0; i < 100; i++) {
        long savepoint = journal.beginStep();
        try {
          memory.writeLongLE((counter & 7) * 8, counter++);
          journal.commitStep(savepoint);
        } finally {
          journal.endStep(savepoint);
        }
      }
      journal.commitStep(step);
    } finally {
      journal.endStep(step);
    }
  }

  /** A one-write transaction committed in power-loss mode: journal fsync, image sync, fdatasync. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void powerLossCommit() {
    long step = syncedJournal.beginStep();
    try {
      synced.writeLongLE((counter & 1023) * 8, counter++);
      syncedJournal.commitStep(step);
    } finally {
      syncedJournal.endStep(step);
    }
  }
}
