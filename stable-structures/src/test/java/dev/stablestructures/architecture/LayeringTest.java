package dev.stablestructures.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of the package tree, checked on the library's compiled main classes: memory → memory
 * manager → codecs → structures → transactions → the canister runtime ({@code runtime}, with its
 * {@code runtime.meter} and {@code runtime.junit}), the top layer. A dependency that breaks a layer
 * fails the build, so the shape holds without anyone having to remember it.
 */
class LayeringTest {
  private static final String ROOT = "dev.stablestructures";
  private static final String[] STRUCTURES = {
    "btreemap", "btreeset", "vec", "cell", "log", "minheap"
  };

  private static JavaClasses library;

  @BeforeAll
  static void importTheLibrary() {
    library =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  private static String pkg(String name) {
    return ROOT + "." + name + "..";
  }

  private static void check(ArchRule rule) {
    rule.check(library);
  }

  @Test
  void theRootPackageHoldsWhatEveryLayerSharesAndDependsOnNothing() {
    check(
        classes()
            .that()
            .resideInAPackage(ROOT)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(ROOT, "java.."));
  }

  @Test
  void memoryDependsOnNothingAboveIt() {
    check(
        classes()
            .that()
            .resideInAPackage(pkg("memory"))
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(ROOT, pkg("memory"), "java.."));
  }

  @Test
  void theManagerDependsOnlyOnMemory() {
    check(
        classes()
            .that()
            .resideInAPackage(pkg("manager"))
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(ROOT, pkg("memory"), pkg("manager"), "java.."));
  }

  @Test
  void codecsDependOnlyOnTheMemoryInterfaceAndTheRootExceptions() {
    // ByteArrays is the one home of byte order; Memory's own primitive defaults are written with
    // it.
    check(
        classes()
            .that()
            .resideInAPackage(pkg("codec"))
            .should()
            .onlyDependOnClassesThat(
                resideInAnyPackage(ROOT, pkg("codec"), "java..")
                    .or(
                        HasName.Predicates.nameMatching(
                            "\\Q" + ROOT + ".memory.\\E(Memory|ByteArrays)"))));
  }

  @Test
  void transactionsDependOnlyOnMemoryAndTheRoot() {
    check(
        classes()
            .that()
            .resideInAPackage(pkg("tx"))
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(ROOT, pkg("memory"), pkg("tx"), "java.."));
  }

  @Test
  void theRuntimeIsTheTopLayerAndNothingElseDependsOnIt() {
    // runtime.meter and runtime.junit are sub-packages of the runtime: they may use it or not
    // (MeterLayeringTest keeps the meter below it), but nothing of the library outside
    // dev.stablestructures.runtime.. may reach into it.
    check(
        noClasses()
            .that()
            .resideOutsideOfPackage(pkg("runtime"))
            .should()
            .dependOnClassesThat()
            .resideInAPackage(pkg("runtime"))
            .because("the canister runtime is the top layer: the library below runs without it"));
  }

  @Test
  void theRuntimeBuildsOnEveryLayerBelowAndOnNothingOutsideTheLibrary() {
    check(
        classes()
            .that()
            .resideInAPackage(ROOT + ".runtime")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                ROOT,
                pkg("memory"),
                pkg("manager"),
                pkg("codec"),
                pkg("basevec"),
                pkg("btreemap"),
                pkg("btreeset"),
                pkg("vec"),
                pkg("cell"),
                pkg("log"),
                pkg("minheap"),
                pkg("tx"),
                pkg("runtime"),
                "java.."));
  }

  @Test
  void nothingBelowTransactionsDependsOnThem() {
    String[] below = {"memory", "manager", "codec", "basevec", "internal"};
    for (String layer : below) {
      check(
          noClasses()
              .that()
              .resideInAPackage(pkg(layer))
              .should()
              .dependOnClassesThat()
              .resideInAPackage(pkg("tx")));
    }
    for (String structure : STRUCTURES) {
      check(
          noClasses()
              .that()
              .resideInAPackage(pkg(structure))
              .should()
              .dependOnClassesThat()
              .resideInAPackage(pkg("tx"))
              .because("structures call the memory's journal, never the user API above them"));
    }
  }

  @Test
  void structuresNeverDependOnEachOtherExceptTheSetOnTheMap() {
    for (String structure : STRUCTURES) {
      for (String other : STRUCTURES) {
        boolean allowed =
            structure.equals(other) || (structure.equals("btreeset") && other.equals("btreemap"));
        if (!allowed) {
          check(
              noClasses()
                  .that()
                  .resideInAPackage(pkg(structure))
                  .should()
                  .dependOnClassesThat()
                  .resideInAPackage(pkg(other))
                  .because(
                      structure + " is a structure of its own and must not reach into " + other));
        }
      }
    }
  }

  @Test
  void lowerLayersNeverReachUpToStructures() {
    for (String layer : new String[] {"memory", "manager", "codec", "internal"}) {
      for (String structure : STRUCTURES) {
        check(
            noClasses()
                .that()
                .resideInAPackage(pkg(layer))
                .should()
                .dependOnClassesThat()
                .resideInAPackage(pkg(structure)));
      }
    }
  }

  @Test
  void theToolsDoorDependsOnNothing() {
    check(
        classes()
            .that()
            .resideInAPackage(pkg("internal"))
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(pkg("internal"), "java.."));
  }

  @Test
  void nothingInTheLibraryDependsOnTheTools() {
    check(
        noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(pkg("vectors"), pkg("cli"), pkg("benchmarks"), pkg("examples")));
  }

  @Test
  void packagesFormNoCycle() {
    check(slices().matching(ROOT + ".(*)..").should().beFreeOfCycles());
  }
}
