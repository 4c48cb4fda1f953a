package dev.stablestructures.benchmarks.peers;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.KeyRange;
import org.lmdbjava.Txn;

/**
 * LMDB through lmdbjava, one named database in {@code dir}, opened with {@code MDB_NOSYNC} and
 * {@code MDB_NOMETASYNC}: a commit is durable against a crash of the program, not of the machine,
 * the common "no sync" setting. Every operation runs in the current transaction, opened on first
 * use (a write transaction for writes, a read one for reads) and ended by {@link #commit}; keys and
 * values pass through reused direct buffers, and values read are copied out of the map.
 */
final class LmdbStore<K, V> implements PeerStore<K, V> {
  /** LMDB's default maximum key size. */
  private static final int MAX_KEY = 511;

  /** The map's address-space reservation; the file grows only as pages are written. */
  private static final long MAP_SIZE = 64L << 30;

  private final ColumnType<K> keys;
  private final ColumnType<V> values;
  private final Env<ByteBuffer> env;
  private final Dbi<ByteBuffer> dbi;
  private final ByteBuffer key = ByteBuffer.allocateDirect(MAX_KEY);
  private final ByteBuffer value;
  private Txn<ByteBuffer> txn;
  private boolean writing;

  /** Opens (or creates) the environment in {@code dir}. */
  LmdbStore(ColumnType<K> keys, ColumnType<V> values, Path dir) {
    this.keys = keys;
    this.values = values;
    this.env =
        Env.create()
            .setMapSize(MAP_SIZE)
            .setMaxDbs(1)
            .open(dir.toFile(), EnvFlags.MDB_NOSYNC, EnvFlags.MDB_NOMETASYNC);
    this.dbi = env.openDbi("peer", DbiFlags.MDB_CREATE);
    this.value = ByteBuffer.allocateDirect(values.averageSize());
  }

  private Txn<ByteBuffer> writeTxn() {
    if (txn != null && !writing) {
      txn.close();
      txn = null;
    }
    if (txn == null) {
      txn = env.txnWrite();
      writing = true;
    }
    return txn;
  }

  private Txn<ByteBuffer> readTxn() {
    if (txn == null) {
      txn = env.txnRead();
      writing = false;
    }
    return txn;
  }

  private ByteBuffer key(K k) {
    key.clear();
    keys.write(key, k);
    return key.flip();
  }

  private K key(ByteBuffer stored) {
    return keys.read(stored.order(ByteOrder.BIG_ENDIAN));
  }

  private V value(ByteBuffer stored) {
    return values.read(stored.order(ByteOrder.BIG_ENDIAN));
  }

  @Override
  public void put(K k, V v) {
    Txn<ByteBuffer> t = writeTxn();
    value.clear();
    values.write(value, v);
    dbi.put(t, key(k), value.flip());
  }

  @Override
  public V get(K k) {
    ByteBuffer found = dbi.get(readTxn(), key(k));
    return found == null ? null : value(found);
  }

  @Override
  public boolean remove(K k) {
    return dbi.delete(writeTxn(), key(k));
  }

  @Override
  public long scan() {
    return sum(KeyRange.all(), Integer.MAX_VALUE);
  }

  @Override
  public long range(K from, int count) {
    return sum(KeyRange.atLeast(key(from)), count);
  }

  private long sum(KeyRange<ByteBuffer> range, int count) {
    long sum = 0;
    int seen = 0;
    try (CursorIterable<ByteBuffer> entries = dbi.iterate(readTxn(), range)) {
      for (CursorIterable.KeyVal<ByteBuffer> e : entries) {
        if (seen++ == count) {
          break;
        }
        sum += Checksums.entry(keys, values, key(e.key()), value(e.val()));
      }
    }
    return sum;
  }

  @Override
  public void commit() {
    if (txn != null) {
      if (writing) {
        txn.commit();
      }
      txn.close();
      txn = null;
    }
  }

  @Override
  public void close() {
    commit();
    dbi.close();
    env.close();
  }
}
