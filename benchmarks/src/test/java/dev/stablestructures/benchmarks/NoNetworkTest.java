package dev.stablestructures.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.core.analytics.AnalyticsFacade;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chronicle libraries send usage analytics over HTTP unless told not to. Nothing we ship may try to
 * reach the network, so the benchmarks keep chronicle-analytics off the class path (excluded from
 * both chronicle-bytes and chronicle-map) and set {@code chronicle.analytics.disable}; this test
 * checks both, and that real chronicle-bytes and Chronicle Map use opens no connection through the
 * JVM's proxy selector (the path every {@code URLConnection} and plain {@code Socket} takes).
 */
class NoNetworkTest {
  @Test
  void chronicleAnalyticsIsNotOnTheClassPath() {
    assertThrows(
        ClassNotFoundException.class,
        () -> Class.forName("net.openhft.chronicle.analytics.Analytics"));
  }

  @Test
  void chronicleAnalyticsIsDisabled() {
    assertEquals("true", System.getProperty("chronicle.analytics.disable"));
    assertFalse(AnalyticsFacade.isEnabled());
  }

  @Test
  void usingChronicleBytesOpensNoConnection(@TempDir Path dir) throws IOException {
    List<URI> attempts =
        watchConnections(
            () -> {
              Path file = dir.resolve("chronicle.bin");
              MappedBytes bytes = MappedBytes.singleMappedBytes(file.toFile(), 1 << 20);
              try {
                bytes.writeLong(0, 42L);
                assertEquals(42L, bytes.readLong(0));
              } finally {
                bytes.releaseLast();
              }
              assertTrue(Files.size(file) > 0);
            });
    assertTrue(attempts.isEmpty(), "chronicle tried to connect to " + attempts);
  }

  @Test
  void usingChronicleMapOpensNoConnection(@TempDir Path dir) throws IOException {
    List<URI> attempts =
        watchConnections(
            () -> {
              try (ChronicleMap<Long, byte[]> map =
                  ChronicleMapBuilder.of(Long.class, byte[].class)
                      .name("no-network")
                      .entries(100)
                      .averageValueSize(16)
                      .createPersistedTo(dir.resolve("map.dat").toFile())) {
                map.put(1L, new byte[] {4, 2});
                assertEquals(2, map.get(1L).length);
              }
              try (ChronicleMap<String, String> map =
                  ChronicleMapBuilder.of(String.class, String.class)
                      .entries(100)
                      .averageKey("key")
                      .averageValue("value")
                      .create()) {
                map.put("key", "value");
                assertEquals("value", map.get("key"));
              }
            });
    assertTrue(attempts.isEmpty(), "Chronicle Map tried to connect to " + attempts);
  }

  /** Something that may touch the network. */
  private interface Use {
    void run() throws IOException;
  }

  /** Runs {@code use} and returns every address the JVM was asked to connect to meanwhile. */
  private static List<URI> watchConnections(Use use) throws IOException {
    List<URI> attempts = new CopyOnWriteArrayList<>();
    ProxySelector previous = ProxySelector.getDefault();
    ProxySelector.setDefault(
        new ProxySelector() {
          @Override
          public List<Proxy> select(URI uri) {
            attempts.add(uri);
            return List.of(Proxy.NO_PROXY);
          }

          @Override
          public void connectFailed(URI uri, SocketAddress address, IOException e) {}
        });
    try {
      use.run();
      return attempts;
    } finally {
      ProxySelector.setDefault(previous);
    }
  }
}
