package dev.stablestructures.btreeset;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.testing.NavigableSetTestSuiteBuilder;
import com.google.common.collect.testing.TestStringSortedSetGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.testing.GuavaSuites;
import java.util.Collections;
import java.util.SortedSet;
import junit.framework.TestSuite;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Guava testlib's {@code NavigableSet} contract suite, with all derived views. */
class StableBTreeSetGuavaTest {
  @TestFactory
  DynamicNode strings() {
    TestSuite suite =
        NavigableSetTestSuiteBuilder.using(
                new TestStringSortedSetGenerator() {
                  @Override
                  protected SortedSet<String> create(String[] elements) {
                    StableBTreeSet<String> set = TestSets.newSet(Codecs.string());
                    Collections.addAll(set, elements);
                    return set;
                  }
                })
            .named("StableBTreeSet<String>")
            .withFeatures(
                CollectionFeature.GENERAL_PURPOSE,
                CollectionFeature.FAILS_FAST_ON_CONCURRENT_MODIFICATION,
                CollectionFeature.KNOWN_ORDER,
                CollectionSize.ANY)
            .createTestSuite();
    assertTrue(suite.countTestCases() > 1000, "the suite has tests");
    return GuavaSuites.toDynamic(suite);
  }
}
