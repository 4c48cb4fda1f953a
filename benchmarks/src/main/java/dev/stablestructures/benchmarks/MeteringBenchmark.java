package dev.stablestructures.benchmarks;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.runtime.meter.MessageKind;
import dev.stablestructures.runtime.meter.Meter;
import dev.stablestructures.runtime.meter.MeterLimits;
import dev.stablestructures.runtime.meter.MeteredMemory;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What metering costs, and that an unmetered memory pays nothing for it (issue 10: "counting must
 * not slow an unmetered memory"): random get and insert on a u64-to-u64 {@link StableBTreeMap} over
 * a {@link HeapMemory}, three ways, each in its own fork so no call site sees two memory classes:
 *
 * <ul>
 *   <li>{@code bare}: the map straight on the heap memory, the library outside any runtime. No
 *       memory class below the runtime knows of metering (ArchUnit's {@code MeterLayeringTest}), so
 *       this is the library's speed before metering existed; compare it with {@code
 *       BTreeMapBenchmark}'s numbers of older runs;
 *   <li>{@code idle}: through a {@link MeteredMemory} with no current meter (between messages): the
 *       wrapper's pass-through;
 *   <li>{@code metered}: through the same memory charging a {@link Meter} with no caps (a fresh one
 *       each iteration): the full count, pages included.
 * </ul>
 *
 * <p>Expectation: {@code bare} is unchanged by this issue; {@code idle} within a few percent of it;
 * {@code metered} pays a meter call per access. Run: {@code java -jar
 * benchmarks/target/benchmarks.jar MeteringBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class MeteringBenchmark {
  private static final int PROBES = 1 << 16;

  /** Fresh keys inserted per {@code put} invocation. */
  static final int BATCH = 1_000;

  /** Batches of fresh keys the put benchmark cycles through. */
  private static final int BATCHES = 16;

  /** Entries in the map. */
  @Param({"100000", "1000000"})
  public int size;

  /** How the map reaches its memory: {@code bare}, {@code idle} or {@code metered}. */
  @Param({"bare", "idle", "metered"})
  public String memory;

  MeteredMemory metered;
  StableBTreeMap<Long, Long> map;
  long[] probes = new long[PROBES];
  long[] fresh;
  private int next;

  /** Fills the map with random keys (unmetered) and draws probes and fresh keys. */
  @Setup(Level.Trial)
  public void setUp() {
    HeapMemory heap = new HeapMemory();
    Memory root = heap;
    if (!memory.equals("bare")) {
      if (!memory.equals("idle") && !memory.equals("metered")) {
        throw new IllegalArgumentException("memory must be bare, idle or metered: " + memory);
      }
      metered = new MeteredMemory(heap);
      root = metered;
    }
    map = StableBTreeMap.init(root, Codecs.u64(), Codecs.u64());
    SplittableRandom random = new SplittableRandom(42);
    long[] keys = new long[size];
    for (int i = 0; i < size; i++) {
      long k = random.nextLong();
      keys[i] = k;
      map.put(k, k ^ 1);
    }
    for (int i = 0; i < PROBES; i++) {
      probes[i] = keys[random.nextInt(size)];
    }
    fresh = new long[BATCH * BATCHES];
    for (int i = 0; i < fresh.length; i++) {
      long k;
      do {
        k = random.nextLong();
      } while (map.containsKey(k));
      fresh[i] = k;
    }
  }

  /** Starts a new "message" each iteration: a fresh meter, its dirty pages forgotten. */
  @Setup(Level.Iteration)
  public void newMessage() {
    if (memory.equals("metered")) {
      metered.setMeter(new Meter(MessageKind.UPDATE, MeterLimits.unlimited()));
    }
  }

  /** Which batch of fresh keys the next put inserts; removed again after the invocation. */
  @State(Scope.Thread)
  public static class Batch {
    int index;

    /** Removes the batch the last put inserted, so every batch meets the same map. */
    @TearDown(Level.Invocation)
    public void removeBatch(MeteringBenchmark b) {
      int from = index * BATCH;
      for (int i = from; i < from + BATCH; i++) {
        b.map.remove(b.fresh[i]);
      }
      index = (index + 1) % BATCHES;
    }
  }

  /** Lookup of a random existing key. */
  @Benchmark
  public Long get() {
    return map.get(probes[next++ & (PROBES - 1)]);
  }

  /** Insertion of {@value #BATCH} fresh random keys, reported per key. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void put(Batch batch, Blackhole sink) {
    int from = batch.index * BATCH;
    for (int i = from; i < from + BATCH; i++) {
      long k = fresh[i];
      sink.consume(map.put(k, k ^ 1));
    }
  }
}
