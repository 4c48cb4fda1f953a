package dev.stablestructures.minheap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.testing.QueueTestSuiteBuilder;
import com.google.common.collect.testing.TestStringQueueGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import dev.stablestructures.codec.Codec;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.testing.GuavaSuites;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.stream.Stream;
import junit.framework.Test;
import junit.framework.TestCase;
import junit.framework.TestSuite;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Guava testlib's Queue contract suite over a heap-backed {@code StableMinHeap<String>}, with the
 * features of {@link java.util.PriorityQueue} (adds, removals including the iterator's, no nulls)
 * and fail-fast iterators. Iteration order is the heap's array order, so KNOWN_ORDER is not
 * claimed; the generator's {@code order} is the codec's, the order of polling.
 */
class StableMinHeapQueueContractTest {
  private static final Codec<String> CODEC = TestHeaps.boundedString(32);

  @TestFactory
  Stream<DynamicNode> queueContract() {
    TestSuite suite =
        QueueTestSuiteBuilder.using(
                new TestStringQueueGenerator() {
                  @Override
                  protected Queue<String> create(String[] elements) {
                    StableMinHeap<String> heap = StableMinHeap.init(new HeapMemory(), CODEC);
                    for (String e : elements) {
                      heap.add(e);
                    }
                    return heap;
                  }

                  @Override
                  public List<String> order(List<String> insertionOrder) {
                    List<String> sorted = new ArrayList<>(insertionOrder);
                    sorted.sort(CODEC);
                    return sorted;
                  }
                })
            .named("StableMinHeap<String>")
            .withFeatures(
                CollectionSize.ANY,
                CollectionFeature.GENERAL_PURPOSE,
                CollectionFeature.FAILS_FAST_ON_CONCURRENT_MODIFICATION)
            .createTestSuite();
    assertTrue(suite.countTestCases() > 100, "the suite should hold many tests");
    Set<String> names = new HashSet<>();
    collectNames(suite, names);
    for (String expected :
        List.of(
            "testPoll_size1",
            "testPeek_size1",
            "testOffer_supportedNotPresent",
            "testAdd_nullUnsupported",
            "testIterator_unknownOrderRemoveSupported",
            "testIterator_removeAffectsBackingCollection",
            "testRemove_present",
            "testRemoveIf_allPresent")) {
      assertTrue(
          names.stream().anyMatch(n -> n.startsWith(expected)), expected + " is not in the suite");
    }
    return GuavaSuites.dynamic(suite);
  }

  private static void collectNames(Test test, Set<String> names) {
    if (test instanceof TestSuite suite) {
      for (Enumeration<Test> e = suite.tests(); e.hasMoreElements(); ) {
        collectNames(e.nextElement(), names);
      }
    } else if (test instanceof TestCase testCase) {
      names.add(testCase.getName());
    }
  }
}
