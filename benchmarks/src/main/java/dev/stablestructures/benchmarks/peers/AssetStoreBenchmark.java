package dev.stablestructures.benchmarks.peers;

import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The seed's asset store, as a user tried it: {@value #ASSETS} String paths → 1 MiB byte arrays.
 * {@code store} puts them into a fresh, empty store per invocation (opening it is set-up, growing
 * its file is not) and commits once at the end; {@code retrieve} gets them all back from a store
 * holding them. Reported per asset; the report turns that into MB/s (10^6 bytes per second). Issue
 * target: store at least 500 MB/s on FileMemory (about 60 MB/s when the seed tried it).
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class AssetStoreBenchmark extends PeerForks {
  /** Assets per invocation. */
  static final int ASSETS = 200;

  /** The store: every contender unless a profile names some (JMH runs all of an enum). */
  @Param public Contender store;

  /** Assets per invocation: always {@value #ASSETS} in a run, fewer in tests. */
  int assets = ASSETS;

  final Workload workload = Workload.ASSET;
  Object[] paths;
  Object[] contents;

  /** Builds the paths and contents once. */
  @Setup(Level.Trial)
  public void setUp() {
    paths = new Object[assets];
    contents = new Object[assets];
    for (int i = 0; i < assets; i++) {
      long k = KeySpace.random(i);
      paths[i] = workload.key(k);
      contents[i] = workload.value(k);
    }
  }

  /** A fresh, empty store for every invocation of {@code store}. */
  @State(Scope.Thread)
  public static class Empty {
    PeerFixture fixture;

    /** Opens an empty store. */
    @Setup(Level.Invocation)
    public void open(AssetStoreBenchmark b) throws IOException {
      fixture = PeerFixture.empty(b.store, b.workload, b.assets);
    }

    /** Closes and deletes it. */
    @TearDown(Level.Invocation)
    public void close() {
      fixture.close();
    }
  }

  /** A store holding every asset, for {@code retrieve}. */
  @State(Scope.Thread)
  public static class Full {
    PeerFixture fixture;

    /** Stores every asset. */
    @Setup(Level.Trial)
    public void open(AssetStoreBenchmark b) throws IOException {
      fixture = PeerFixture.empty(b.store, b.workload, b.assets);
      for (int i = 0; i < b.assets; i++) {
        fixture.store.put(b.paths[i], b.contents[i]);
      }
      fixture.store.commit();
    }

    /** Closes and deletes it. */
    @TearDown(Level.Trial)
    public void close() {
      fixture.close();
    }
  }

  /** Puts every asset into an empty store, then commits; returns the bytes stored. */
  @Benchmark
  @OperationsPerInvocation(ASSETS)
  public long store(Empty empty) {
    PeerStore<Object, Object> map = empty.fixture.store;
    long bytes = 0;
    for (int i = 0; i < assets; i++) {
      map.put(paths[i], contents[i]);
      bytes += workload.valueBytes();
    }
    map.commit();
    return bytes;
  }

  /** Gets every asset back; returns the bytes read. */
  @Benchmark
  @OperationsPerInvocation(ASSETS)
  public long retrieve(Full full) {
    PeerStore<Object, Object> map = full.fixture.store;
    long bytes = 0;
    for (int i = 0; i < assets; i++) {
      bytes += ((byte[]) map.get(paths[i])).length;
    }
    map.commit();
    return bytes;
  }
}
