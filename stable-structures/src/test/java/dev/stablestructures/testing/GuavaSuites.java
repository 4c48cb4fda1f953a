package dev.stablestructures.testing;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import junit.framework.Test;
import junit.framework.TestCase;
import junit.framework.TestSuite;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs a JUnit 3 {@link TestSuite} (what Guava testlib's suite builders produce) on the JUnit 5
 * platform: each suite becomes a {@link DynamicContainer}, each test case a {@link DynamicTest}
 * that calls {@link TestCase#runBare()}, so failures and errors surface as ordinary JUnit 5
 * failures.
 *
 * <p>Use from a {@code @TestFactory}: {@code return
 * GuavaSuites.dynamic(builder.createTestSuite());}
 */
public final class GuavaSuites {
  private GuavaSuites() {}

  /**
   * Converts a suite tree to dynamic nodes.
   *
   * @param test a suite or a single test case
   * @return the nodes, one per direct child of the suite
   */
  public static Stream<DynamicNode> dynamic(Test test) {
    if (test instanceof TestSuite testSuite) {
      return children(testSuite).stream();
    }
    return Stream.of(toDynamic(test));
  }

  private static List<DynamicNode> children(TestSuite suite) {
    List<DynamicNode> nodes = new ArrayList<>();
    for (Enumeration<Test> tests = suite.tests(); tests.hasMoreElements(); ) {
      nodes.add(toDynamic(tests.nextElement()));
    }
    return nodes;
  }

  /**
   * Converts a suite tree to one dynamic node (a container for a suite, a test for a test case).
   *
   * @param test a suite or a single test case
   * @return the node
   */
  public static DynamicNode toDynamic(Test test) {
    if (test instanceof TestSuite suite) {

      String name = suite.getName() == null ? suite.getClass().getSimpleName() : suite.getName();
      return DynamicContainer.dynamicContainer(name, children(suite).stream());
    }
    if (test instanceof TestCase testCase) {

      return DynamicTest.dynamicTest(testCase.getName(), () -> runBare(testCase));
    }
    throw new IllegalArgumentException("unsupported JUnit 3 test type: " + test.getClass());
  }

  private static void runBare(TestCase testCase) throws Exception {
    try {
      testCase.runBare();
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new AssertionError(testCase.getName() + " threw " + t, t);
    }
  }
}
