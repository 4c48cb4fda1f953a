package dev.stablestructures.benchmarks.peers;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * What every peer benchmark's fork runs with, in one place (JMH reads these annotations from the
 * superclass): one fork per contender and parameter set, so each store has a JVM of its own, an 8
 * GiB heap ceiling for the heap contenders at 10M entries, and the flags the contenders need on JDK
 * 17+. No {@code -Xms}: a heap committed up front is first touched during the measurement, so every
 * allocating row would pay page faults (RESULTS.md, the range row: 22.6 µs against 6.6). The same
 * flags are the surefire argLine in the pom (property {@code benchmark.jvm.flags}); JvmFlagsTest
 * fails if they drift apart.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Xmx8g",
      "-Dchronicle.analytics.disable=true",
      "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
      "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
      "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED"
    })
public abstract class PeerForks {
  /** For subclasses. */
  protected PeerForks() {}
}
