package dev.stablestructures.log;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.testing.ListTestSuiteBuilder;
import com.google.common.collect.testing.TestStringListGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.testing.GuavaSuites;
import java.util.List;
import java.util.stream.Stream;
import junit.framework.TestSuite;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Guava testlib's List contract suite over {@link StableLog#asList()} of a heap-backed {@code
 * StableLog<String>}, declared read-only: no add, set or remove feature, so every mutator test
 * checks that the view refuses with {@link UnsupportedOperationException} and stays unchanged.
 * Nothing is suppressed.
 */
class StableLogListContractTest {
  @TestFactory
  Stream<DynamicNode> readOnlyListContract() {
    TestSuite suite =
        ListTestSuiteBuilder.using(
                new TestStringListGenerator() {
                  @Override
                  protected List<String> create(String[] elements) {
                    StableLog<String> log =
                        StableLog.init(new HeapMemory(), new HeapMemory(), Codecs.string());
                    for (String e : elements) {
                      log.append(e);
                    }
                    return log.asList();
                  }
                })
            .named("StableLog<String> asList view")
            .withFeatures(
                CollectionSize.ANY,
                CollectionFeature.KNOWN_ORDER,
                CollectionFeature.ALLOWS_NULL_QUERIES)
            .createTestSuite();
    assertTrue(suite.countTestCases() > 100, "the suite should hold many tests");
    return GuavaSuites.dynamic(suite);
  }
}
