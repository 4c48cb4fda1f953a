package dev.stablestructures.btreemap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import junit.framework.Test;
import junit.framework.TestCase;
import junit.framework.TestSuite;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs a Guava testlib suite (a JUnit 3 {@link TestSuite} tree) on the JUnit 5 platform: suites
 * become containers and each {@link TestCase} a dynamic test calling {@code runBare()}, so failures
 * and their stack traces are reported per test.
 */
public final class GuavaSuiteAdapter {
  private GuavaSuiteAdapter() {}

  /** Converts a suite tree into dynamic nodes. */
  public static DynamicNode toDynamic(Test test) {
    if (test instanceof TestSuite) {
      TestSuite suite = (TestSuite) test;
      List<DynamicNode> children = new ArrayList<>();
      for (Test child : Collections.list(suite.tests())) {
        children.add(toDynamic(child));
      }
      String name = suite.getName() == null ? "suite" : suite.getName();
      return DynamicContainer.dynamicContainer(name, children);
    }
    if (test instanceof TestCase) {
      TestCase testCase = (TestCase) test;
      return DynamicTest.dynamicTest(testCase.getName(), testCase::runBare);
    }
    throw new IllegalArgumentException("unsupported JUnit 3 test type: " + test.getClass());
  }

  /** Counts the test cases of a suite tree, so callers can assert it is not empty. */
  public static int countTestCases(Test test) {
    return test.countTestCases();
  }
}
