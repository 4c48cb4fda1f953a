package dev.stablestructures.benchmarks.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.benchmarks.sampling.CollapsedStacks.Difference;
import dev.stablestructures.benchmarks.sampling.CollapsedStacks.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CollapsedStacks} and {@link SampledRun}'s options, on stacks written by hand. */
class CollapsedStacksTest {
  private static final String RUN = "org/openjdk/jmh/Runner.run;dev/bench/Pair.pair;";

  /** Two halves of one invocation: the journaled one spends 30 extra samples in the journal. */
  private static CollapsedStacks pair() {
    CollapsedStacks s = new CollapsedStacks();
    s.add(RUN + "dev/bench/Pair.insertPlain;dev/x/BTree.insert;dev/x/Node.search 60");
    s.add(RUN + "dev/bench/Pair.insertPlain;dev/x/BTree.insert 40");
    s.add(RUN + "dev/bench/Pair.insertJournaled;dev/x/BTree.insert;dev/x/Node.search 62");
    s.add(RUN + "dev/bench/Pair.insertJournaled;dev/x/BTree.insert;dev/x/Journal.save 30");
    s.add(RUN + "dev/bench/Pair.insertJournaled;dev/x/BTree.insert 38");
    s.add("");
    return s;
  }

  @Test
  void countsSelfAndInclusiveUnderAFilter() {
    CollapsedStacks s = pair();
    assertEquals(230, s.samples(""));
    assertEquals(130, s.samples("insertJournaled"));
    List<Row> self = s.top("insertJournaled", true, 2);
    assertEquals(new Row("Node.search", 62, 62), self.get(0));
    assertEquals(new Row("BTree.insert", 38, 130), self.get(1));
    List<Row> inclusive = s.top("", false, 3);
    assertEquals("BTree.insert", inclusive.get(0).frame(), "ties in name order");
    assertEquals(230, inclusive.get(0).inclusive());
    assertEquals("Runner.run", inclusive.get(2).frame());
    List<Row> under = s.top("Pair.pair", false, 10);
    assertTrue(
        under.stream().noneMatch(r -> r.frame().equals("Runner.run")),
        "the frames above the filter's stay out: " + under);
  }

  @Test
  void comparesTwoHalvesByTheirExcess() {
    List<Difference> d = pair().compare("insertJournaled", "insertPlain", 10);
    assertEquals(new Difference("Pair.insertJournaled", 130, 0), d.get(0));
    assertEquals(new Difference("BTree.insert", 130, 100), d.get(1));
    assertEquals(new Difference("Journal.save", 30, 0), d.get(2), "ties in name order");
    assertEquals(new Difference("Node.search", 62, 60), d.get(3));
    assertTrue(d.stream().noneMatch(r -> r.frame().equals("Pair.pair")), "above both: " + d);
    String table = pair().formatCompare("insertJournaled", "insertPlain", 10);
    assertTrue(table.contains("ratio 1.300"), table);
    assertTrue(table.contains("+30  Journal.save"), table);
  }

  @Test
  void aRecursiveFrameCountsOncePerStack() {
    CollapsedStacks s = new CollapsedStacks();
    s.add("a/A.walk;a/A.walk;a/A.walk 5");
    assertEquals(new Row("A.walk", 5, 5), s.top("", false, 1).get(0));
  }

  @Test
  void lambdaAddressesAreDropped() {
    assertEquals(
        "BTree$$Lambda.get",
        CollapsedStacks.simpleName("dev/x/BTree$$Lambda$44.0x00007f9959083698.get"));
    assertEquals("copy_page", CollapsedStacks.simpleName("copy_page"));
  }

  @Test
  void refusesALineWithoutACount(@TempDir Path dir) throws IOException {
    CollapsedStacks s = new CollapsedStacks();
    assertThrows(IllegalArgumentException.class, () -> s.add("a/A.b;c/C.d"));
    assertThrows(IllegalArgumentException.class, () -> s.add("a/A.b x"));
    Path file = dir.resolve("collapsed-cpu.csv");
    Files.writeString(file, "a/A.b 3\na/A.b;c/C.d 4\n");
    assertEquals(7, CollapsedStacks.read(file).samples("A.b"));
  }

  @Test
  void parsesOptionsAndDefaultsTheFilterToTheBenchmark() {
    SampledRun.Settings s =
        SampledRun.Settings.parse(
            new String[] {"--top", "5", "--", "PeerWriteBenchmark.insertSequential$", "-f", "1"});
    assertEquals(5, s.top);
    assertEquals("PeerWriteBenchmark.insertSequential", s.filter);
    assertEquals(
        "BTreeJournalPairedBenchmark.",
        SampledRun.Settings.benchmarkFrame("BTreeJournalPairedBenchmark"));
    assertEquals("pair", SampledRun.Settings.benchmarkFrame("^pair$"));
    assertEquals("B.get", SampledRun.Settings.benchmarkFrame("dev.x.B.get"));
    assertNull(s.compare);
    assertEquals(3, s.jmhArguments.length);
    SampledRun.Settings c =
        SampledRun.Settings.parse(new String[] {"--compare", "a,b", "--", "Pair"});
    assertEquals("", c.filter);
    assertEquals(List.of("a", "b"), List.of(c.compare));
    assertThrows(IllegalArgumentException.class, () -> SampledRun.Settings.parse(new String[] {}));
    assertThrows(
        IllegalArgumentException.class,
        () -> SampledRun.Settings.parse(new String[] {"--compare", "a", "--", "Pair"}));
    assertThrows(
        IllegalArgumentException.class,
        () -> SampledRun.Settings.parse(new String[] {"--top", "0", "--", "Pair"}));
    assertThrows(
        IllegalArgumentException.class,
        () -> SampledRun.Settings.parse(new String[] {"--top", "5", "--"}));
  }

  @Test
  void summarizesWithTheComparison() {
    SampledRun.Settings s =
        SampledRun.Settings.parse(
            new String[] {"--compare", "insertJournaled,insertPlain", "--", "Pair"});
    String summary = SampledRun.summarize(pair(), s);
    assertTrue(summary.startsWith("samples: 230"), summary);
    assertTrue(summary.contains("-- compared"), summary);
  }
}
