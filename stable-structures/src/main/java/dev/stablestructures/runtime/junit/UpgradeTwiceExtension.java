package dev.stablestructures.runtime.junit;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The JUnit 5 extension behind {@link UpgradeTwice}: gives each annotated test two invocations,
 * {@code [plain]} and {@code [with upgrade]}, each with its own {@link UpgradeHarness} (a fresh
 * in-memory host) resolved as a parameter of the test and of its {@code @BeforeEach} and {@code
 * AfterEach} methods, closed after the invocation.
 */
@SuppressWarnings("exports") // JUnit is a static requirement: see module-info
public final class UpgradeTwiceExtension implements TestTemplateInvocationContextProvider {
  /** Creates the extension; JUnit does this for {@link UpgradeTwice}. */
  public UpgradeTwiceExtension() {}

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context
        .getTestMethod()
        .map(m -> m.isAnnotationPresent(UpgradeTwice.class))
        .orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    return Stream.of(invocation(UpgradeRun.PLAIN), invocation(UpgradeRun.WITH_UPGRADE));
  }

  private static TestTemplateInvocationContext invocation(UpgradeRun run) {
    return new TestTemplateInvocationContext() {
      @Override
      public String getDisplayName(int invocationIndex) {
        return run.displayName();
      }

      @Override
      public List<Extension> getAdditionalExtensions() {
        return List.of(new Invocation(run));
      }
    };
  }

  /**
   * One invocation's harness: resolves it, checks after the test that the upgrade run upgraded, and
   * closes its host.
   */
  private static final class Invocation
      implements ParameterResolver, AfterTestExecutionCallback, AfterEachCallback {
    private final UpgradeRun run;
    private UpgradeHarness harness;

    Invocation(UpgradeRun run) {
      this.run = run;
    }

    private UpgradeHarness harness() {
      if (harness == null) {
        harness = new UpgradeHarness(run);
      }
      return harness;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == UpgradeHarness.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return harness();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
      if (context.getExecutionException().isPresent()) {
        return; // the test's own failure says more
      }
      if (run == UpgradeRun.WITH_UPGRADE && (harness == null || harness.upgradeCount() == 0)) {
        throw new ExtensionConfigurationException(
            "the "
                + run.displayName()
                + " run of "
                + context.getDisplayName()
                + " performed no upgrade: install through the UpgradeHarness parameter and mark a"
                + " point with upgradePoint(), or read through its query()");
      }
    }

    @Override
    public void afterEach(ExtensionContext context) {
      if (harness != null) {
        harness.close();
      }
    }
  }
}
