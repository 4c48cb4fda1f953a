package dev.stablestructures.benchmarks.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Fork;

/**
 * The peer forks' flags ({@link PeerForks}) and the pom's {@code benchmark.jvm.flags} (this test
 * JVM's argLine) are two copies of one list: every flag a fork passes, except its heap size, must
 * be one this JVM got, so the smoke tests run the contenders the way the benchmarks do.
 */
class JvmFlagsTest {
  @Test
  void everyForkFlagIsInTheSurefireArgLine() {
    List<String> ours = ManagementFactory.getRuntimeMXBean().getInputArguments();
    String[] fork = PeerForks.class.getAnnotation(Fork.class).jvmArgsAppend();
    assertTrue(fork.length > 2);
    for (String flag : fork) {
      if (!flag.startsWith("-Xm")) {
        assertTrue(ours.contains(flag), flag + " is in PeerForks but not in benchmark.jvm.flags");
      }
    }
    List<String> forkFlags = Arrays.asList(fork);
    for (String flag : ours) {
      if (flag.startsWith("--add-") || flag.startsWith("-Dchronicle")) {
        assertTrue(forkFlags.contains(flag), flag + " is in the pom but not in PeerForks");
      }
    }
  }

  @Test
  void theForksDoNotCommitTheHeapUpFront() {
    for (String flag : PeerForks.class.getAnnotation(Fork.class).jvmArgsAppend()) {
      assertTrue(
          !flag.startsWith("-Xms"), flag + ": a pre-sized heap is first touched while measured");
    }
  }

  @Test
  void theBenchmarksInheritTheForks() {
    for (Class<?> c :
        List.of(PeerReadBenchmark.class, PeerWriteBenchmark.class, AssetStoreBenchmark.class)) {
      assertEquals(PeerForks.class, c.getSuperclass(), c + " runs with PeerForks' flags");
    }
  }
}
