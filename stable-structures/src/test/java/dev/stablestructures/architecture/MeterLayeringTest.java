package dev.stablestructures.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metering package's place in the layers: it meters a memory, so it depends on the memory layer
 * and the root package only (never on the runtime above it, which uses it), and nothing below the
 * runtime knows of it, so an unmetered memory pays nothing.
 */
class MeterLayeringTest {
  private static final String ROOT = "dev.stablestructures";
  private static final String METER = ROOT + ".runtime.meter..";

  private static JavaClasses library;

  @BeforeAll
  static void importTheLibrary() {
    library =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void meteringDependsOnlyOnMemoryAndTheRoot() {
    classes()
        .that()
        .resideInAPackage(METER)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(ROOT, ROOT + ".memory..", METER, "java..")
        .check(library);
  }

  @Test
  void nothingBelowTheRuntimeKnowsOfMetering() {
    String[] below = {
      "memory",
      "manager",
      "codec",
      "basevec",
      "btreemap",
      "btreeset",
      "vec",
      "cell",
      "log",
      "minheap",
      "tx",
      "internal"
    };
    for (String layer : below) {
      noClasses()
          .that()
          .resideInAPackage(ROOT + "." + layer + "..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(METER)
          .check(library);
    }
  }
}
