package dev.stablestructures.benchmarks.peers;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One contender's store for one workload in a temporary directory of its own, filled with the
 * {@link KeySpace} entries {@code [0, size)} in their (random) key order, committed every {@value
 * #FILL_COMMIT} entries. Set-up for benchmarks and the footprint runner, never timed; closing it
 * deletes the directory.
 */
final class PeerFixture implements Closeable {
  /** Entries per commit while filling. */
  static final int FILL_COMMIT = 10_000;

  final Contender contender;
  final Workload workload;
  final PeerStore<Object, Object> store;
  private final Path dir;

  private PeerFixture(Contender contender, Workload workload, Path dir, long capacity)
      throws IOException {
    this.contender = contender;
    this.workload = workload;
    this.dir = dir;
    this.store = workload.open(contender, dir, capacity);
  }

  /**
   * An empty store with room for {@code capacity} entries.
   *
   * @param contender the store
   * @param workload its key and value types
   * @param capacity the most entries it will hold (Chronicle Map is sized for it)
   * @return the fixture
   * @throws IOException if the directory cannot be made
   */
  static PeerFixture empty(Contender contender, Workload workload, long capacity)
      throws IOException {
    Path dir = Files.createTempDirectory("peer-" + contender.name().toLowerCase(Locale.ROOT) + "-");
    try {
      return new PeerFixture(contender, workload, dir, capacity);
    } catch (IOException | RuntimeException e) {
      delete(dir);
      throw e;
    }
  }

  /**
   * A store holding the entries {@code [0, size)}, with room for {@code headroom} more.
   *
   * @param contender the store
   * @param workload its key and value types
   * @param size entries
   * @param headroom further entries benchmarks may add
   * @return the fixture
   * @throws IOException if the directory cannot be made
   */
  static PeerFixture filled(Contender contender, Workload workload, int size, long headroom)
      throws IOException {
    PeerFixture fixture = empty(contender, workload, size + headroom);
    try {
      for (int id = 0; id < size; id++) {
        fixture.putNumber(KeySpace.random(id));
        if ((id + 1) % FILL_COMMIT == 0) {
          fixture.store.commit();
        }
      }
      fixture.store.commit();
      return fixture;
    } catch (RuntimeException e) {
      fixture.close();
      throw e;
    }
  }

  /** Puts the entry of key number {@code keyNumber}. */
  void putNumber(long keyNumber) {
    store.put(workload.key(keyNumber), workload.value(keyNumber));
  }

  /** The directory holding the store's files (empty for heap contenders). */
  Path dir() {
    return dir;
  }

  /** Closes the store and deletes its directory. */
  @Override
  public void close() {
    try {
      store.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("deleting " + dir, e);
    }
  }
}
