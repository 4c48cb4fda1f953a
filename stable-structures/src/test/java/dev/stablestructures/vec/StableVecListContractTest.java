package dev.stablestructures.vec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.testing.ListTestSuiteBuilder;
import com.google.common.collect.testing.TestStringListGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.ListFeature;
import com.google.common.collect.testing.testers.CollectionClearTester;
import com.google.common.collect.testing.testers.CollectionIteratorTester;
import com.google.common.collect.testing.testers.CollectionRemoveAllTester;
import com.google.common.collect.testing.testers.CollectionRemoveIfTester;
import com.google.common.collect.testing.testers.CollectionRemoveTester;
import com.google.common.collect.testing.testers.CollectionRetainAllTester;
import com.google.common.collect.testing.testers.ListAddAtIndexTester;
import com.google.common.collect.testing.testers.ListRemoveAtIndexTester;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.testing.GuavaSuites;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Stream;
import junit.framework.TestSuite;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Guava testlib's List contract suite over a heap-backed {@code StableVec<String>}, with the
 * features the vector truly has: set, append, fail-fast iterators, known order. Removal is not
 * declared (only the last element can go), and the tests that expect a removal to be refused are
 * suppressed where the removed element happens to be the last one; see {@link #suppressed()}.
 */
class StableVecListContractTest {
  @TestFactory
  Stream<DynamicNode> listContract() throws NoSuchMethodException {
    TestSuite suite =
        ListTestSuiteBuilder.using(
                new TestStringListGenerator() {
                  @Override
                  protected List<String> create(String[] elements) {
                    StableVec<String> vec =
                        StableVec.init(new HeapMemory(), new BoundedStringCodec(32));
                    for (String e : elements) {
                      vec.add(e);
                    }
                    return vec;
                  }
                })
            .named("StableVec<String>")
            .withFeatures(
                CollectionSize.ANY,
                CollectionFeature.KNOWN_ORDER,
                CollectionFeature.SUPPORTS_ADD,
                CollectionFeature.FAILS_FAST_ON_CONCURRENT_MODIFICATION,
                ListFeature.SUPPORTS_SET)
            .suppressing(suppressed())
            .createTestSuite();
    assertTrue(suite.countTestCases() > 100, "the suite should hold many tests");
    return GuavaSuites.dynamic(suite);
  }

  /**
   * Tests that, without SUPPORTS_REMOVE / SUPPORTS_ADD_WITH_INDEX, expect every removal or indexed
   * insertion to be refused. A StableVec refuses them except at the end (it can pop the last
   * element and append at index size()), and these tests happen to hit the end: they remove the
   * only or last element, or insert at index 0 of an empty list. The refusals elsewhere are checked
   * in {@code StableVecTest}.
   */
  private static List<Method> suppressed() throws NoSuchMethodException {
    return List.of(
        CollectionClearTester.class.getMethod("testClear_unsupported"),
        CollectionIteratorTester.class.getMethod("testIterator_knownOrderRemoveUnsupported"),
        CollectionRemoveAllTester.class.getMethod("testRemoveAll_unsupportedPresent"),
        CollectionRemoveIfTester.class.getMethod("testRemoveIf_alwaysTrueUnsupported"),
        CollectionRemoveTester.class.getMethod("testIteratorRemove_unsupported"),
        CollectionRemoveTester.class.getMethod("testRemove_unsupported"),
        CollectionRetainAllTester.class.getMethod(
            "testRetainAll_disjointPreviouslyNonEmptyUnsupported"),
        CollectionRetainAllTester.class.getMethod(
            "testRetainAll_emptyPreviouslyNonEmptyUnsupported"),
        ListAddAtIndexTester.class.getMethod("testAddAtIndex_unsupportedNotPresent"),
        ListRemoveAtIndexTester.class.getMethod("testRemoveAtIndex_unsupported"));
  }
}
