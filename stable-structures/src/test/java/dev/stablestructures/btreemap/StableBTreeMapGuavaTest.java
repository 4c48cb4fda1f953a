package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.testing.NavigableMapTestSuiteBuilder;
import com.google.common.collect.testing.SampleElements;
import com.google.common.collect.testing.TestSortedMapGenerator;
import com.google.common.collect.testing.TestStringSortedMapGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.MapFeature;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.testing.GuavaSuites;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import junit.framework.TestSuite;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Guava testlib's {@code NavigableMap} contract suite (with all derived views: sub-maps both ways,
 * descending maps, key/entry/value collections) over maps on a heap memory.
 */
class StableBTreeMapGuavaTest {
  private static TestSuite withFeatures(NavigableMapTestSuiteBuilder<?, ?> builder, String name) {
    return builder
        .named(name)
        .withFeatures(
            MapFeature.GENERAL_PURPOSE,
            MapFeature.FAILS_FAST_ON_CONCURRENT_MODIFICATION,
            CollectionFeature.SUPPORTS_ITERATOR_REMOVE,
            CollectionFeature.KNOWN_ORDER,
            CollectionSize.ANY)
        .createTestSuite();
  }

  @TestFactory
  DynamicNode stringToString() {
    TestSuite suite =
        withFeatures(
            NavigableMapTestSuiteBuilder.using(
                new TestStringSortedMapGenerator() {
                  @Override
                  protected SortedMap<String, String> create(Map.Entry<String, String>[] entries) {
                    StableBTreeMap<String, String> map =
                        TestTrees.newMap(Codecs.string(), Codecs.string());
                    for (Map.Entry<String, String> e : entries) {
                      map.put(e.getKey(), e.getValue());
                    }
                    return map;
                  }
                }),
            "StableBTreeMap<String, String>");
    assertTrue(suite.countTestCases() > 1000, "the suite has tests");
    return GuavaSuites.toDynamic(suite);
  }

  @TestFactory
  DynamicNode u64ToU64() {
    TestSuite suite =
        withFeatures(
            NavigableMapTestSuiteBuilder.using(new U64MapGenerator()), "StableBTreeMap<u64, u64>");
    assertTrue(suite.countTestCases() > 1000, "the suite has tests");
    return GuavaSuites.toDynamic(suite);
  }

  /** u64 → u64 samples; the keys include one above {@code Long.MAX_VALUE} (unsigned order). */
  private static final class U64MapGenerator implements TestSortedMapGenerator<Long, Long> {
    @Override
    public SampleElements<Map.Entry<Long, Long>> samples() {
      return new SampleElements<>(
          Map.entry(10L, 100L),
          Map.entry(20L, 200L),
          Map.entry(30L, 300L),
          Map.entry(40L, 400L),
          Map.entry(1L << 63, 500L));
    }

    @Override
    public SortedMap<Long, Long> create(Object... entries) {
      StableBTreeMap<Long, Long> map = TestTrees.newMap(Codecs.u64(), Codecs.u64());
      for (Object o : entries) {
        @SuppressWarnings("unchecked")
        Map.Entry<Long, Long> e = (Map.Entry<Long, Long>) o;
        map.put(e.getKey(), e.getValue());
      }
      return map;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map.Entry<Long, Long>[] createArray(int length) {
      return (Map.Entry<Long, Long>[]) new Map.Entry<?, ?>[length];
    }

    @Override
    public Iterable<Map.Entry<Long, Long>> order(List<Map.Entry<Long, Long>> insertionOrder) {
      List<Map.Entry<Long, Long>> sorted = new ArrayList<>(insertionOrder);
      Collections.sort(sorted, (a, b) -> Long.compareUnsigned(a.getKey(), b.getKey()));
      return sorted;
    }

    @Override
    public Long[] createKeyArray(int length) {
      return new Long[length];
    }

    @Override
    public Long[] createValueArray(int length) {
      return new Long[length];
    }

    @Override
    public Map.Entry<Long, Long> belowSamplesLesser() {
      return Map.entry(1L, 11L);
    }

    @Override
    public Map.Entry<Long, Long> belowSamplesGreater() {
      return Map.entry(2L, 12L);
    }

    @Override
    public Map.Entry<Long, Long> aboveSamplesLesser() {
      return Map.entry(-2L, 13L);
    }

    @Override
    public Map.Entry<Long, Long> aboveSamplesGreater() {
      return Map.entry(-1L, 14L);
    }
  }
}
