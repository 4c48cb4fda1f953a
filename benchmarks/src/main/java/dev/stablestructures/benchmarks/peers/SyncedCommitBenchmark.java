package dev.stablestructures.benchmarks.peers;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.Durability;
import dev.stablestructures.memory.FileMemory;
import dev.stablestructures.memory.FileMemoryOptions;
import dev.stablestructures.tx.Transaction;
import dev.stablestructures.tx.Transactions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The latency of a synced commit (issue 9): one u64 → u64 put committed so that it survives a power
 * cut, in this library and in LMDB, on the same disk in one run.
 *
 * <ul>
 *   <li>{@code stable}: a {@code StableBTreeMap} on a {@link FileMemory} opened with {@link
 *       Durability#POWER_LOSS}; the put is its own transaction, whose commit syncs the journal,
 *       forces the image and syncs the journal's clean mark (three syncs);
 *   <li>{@code lmdb}: LMDB through lmdbjava with its default, synced commits (no {@code
 *       MDB_NOSYNC}, no {@code MDB_NOMETASYNC}): a write transaction of one put, whose commit
 *       msyncs the data pages and then the meta page (two syncs).
 * </ul>
 *
 * <p>Both maps hold 10,000 entries; the n-th put writes {@code ~n} over a stored key's value, so
 * the maps keep their size and shape however long the run. Sample time, so the table shows the
 * distribution.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class SyncedCommitBenchmark extends PeerForks {
  /** Entries stored before measuring. */
  static final int ENTRIES = 10_000;

  /** Which store commits: {@code stable} or {@code lmdb}. */
  @Param({"stable", "lmdb"})
  public String store;

  private Path dir;
  private FileMemory memory;
  private StableBTreeMap<Long, Long> map;
  private Env<ByteBuffer> env;
  private Dbi<ByteBuffer> dbi;
  private final ByteBuffer key = ByteBuffer.allocateDirect(8).order(ByteOrder.BIG_ENDIAN);
  private final ByteBuffer value = ByteBuffer.allocateDirect(8).order(ByteOrder.BIG_ENDIAN);
  private long counter;

  /** Creates the store in a temporary directory and fills it. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("synced-commit");
    if (store.equals("stable")) {
      memory =
          FileMemory.open(
              dir.resolve("image.bin"),
              FileMemoryOptions.defaults().durability(Durability.POWER_LOSS));
      map = StableBTreeMap.init(memory, Codecs.u64(), Codecs.u64());
      try (Transaction tx = Transactions.begin(memory)) {
        for (long k = 0; k < ENTRIES; k++) {
          map.insert(KeySpace.random(k), k);
        }
        tx.commit();
      }
    } else {
      env = Env.create().setMapSize(1L << 30).setMaxDbs(1).open(dir.toFile());
      dbi = env.openDbi("synced", DbiFlags.MDB_CREATE);
      try (Txn<ByteBuffer> txn = env.txnWrite()) {
        for (long k = 0; k < ENTRIES; k++) {
          dbi.put(txn, key(KeySpace.random(k)), value(k));
        }
        txn.commit();
      }
    }
  }

  /** Closes the store and deletes its files. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (memory != null) {
      memory.close();
    }
    if (env != null) {
      env.close();
    }
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(dir);
  }

  /**
   * One put of a stored key, committed durably against power loss.
   *
   * @return the key written, so the put cannot be optimised away
   */
  @Benchmark
  public long syncedPut() {
    long n = counter++;
    long k = KeySpace.random(n % ENTRIES);
    if (map != null) {
      map.insert(k, ~n);
    } else {
      try (Txn<ByteBuffer> txn = env.txnWrite()) {
        dbi.put(txn, key(k), value(~n));
        txn.commit();
      }
    }
    return k;
  }

  /**
   * Reads back the value stored under the {@code i}-th key (for the smoke test).
   *
   * @param i the key's number
   * @return its value
   */
  long valueOf(long i) {
    long k = KeySpace.random(i);
    if (map != null) {
      return map.get(k);
    }
    try (Txn<ByteBuffer> txn = env.txnRead()) {
      return dbi.get(txn, key(k)).order(ByteOrder.BIG_ENDIAN).getLong(0);
    }
  }

  private ByteBuffer key(long k) {
    return key.clear().putLong(0, k).limit(8);
  }

  private ByteBuffer value(long v) {
    return value.clear().putLong(0, v).limit(8);
  }
}
