package dev.stablestructures.runtime;

import static dev.stablestructures.runtime.HostLifecycleTest.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code from real jars and class directories: each load is a new class loader, so the static state
 * of the old version is gone after an upgrade, while stable memory stays.
 */
class CanisterCodeTest {
  @TempDir Path dir;

  /** Compiled once for the class: javac is the slow part. */
  @TempDir static Path compiled;

  private static Path classes;
  private static Path jar;

  @BeforeAll
  static void compileTheCounter() throws IOException {
    classes = CompiledCanisters.compile(compiled, "Counter", CompiledCanisters.COUNTER);
    jar = CompiledCanisters.jar(classes, compiled.resolve("counter.jar"));
  }

  private static String bump(Host host) {
    return host.update("bump", null).replyText();
  }

  @Test
  void anUpgradeToTheSameJarStartsWithFreshStaticState() throws IOException {
    CanisterCode code = CanisterCode.fromJar(jar, "demo.Counter");
    try (Host host = Host.open(dir.resolve("image.bin"))) {
      host.install(code, null);
      assertEquals("1 1", bump(host));
      assertEquals("2 2", bump(host));
      host.upgrade(code, null, UpgradeOptions.DEFAULT);
      assertEquals("0 2 2", host.query("read", null).replyText(), "static reset, stable kept");
      assertEquals("1 3", bump(host));
      CanisterStatus status = host.status();
      assertEquals("demo.Counter", status.codeName());
      assertEquals(code.hashHex(), status.codeHash());
      assertEquals(2, status.codeVersion());
    }
    // A new process (here: a new host) attaches the same jar and goes on, with no hook run.
    try (Host host = Host.open(dir.resolve("image.bin"))) {
      host.attach(CanisterCode.fromJar(jar, "demo.Counter"));
      assertEquals("1 4", bump(host));
    }
  }

  @Test
  void aClassDirectoryLoadsAfreshToo() throws IOException {
    CanisterCode code = CanisterCode.fromDirectory(classes, "demo.Counter");
    try (Host host = Host.inMemory()) {
      host.install(code, null);
      assertEquals("1 1", bump(host));
      host.upgrade(code, null, UpgradeOptions.DEFAULT);
      assertEquals("1 2", bump(host));
      assertEquals("1 2 1", host.query("read", null).replyText(), "preUpgrade saw the old static");
    }
    assertEquals(64, code.hashHex().length());
    assertEquals(code.hashHex(), CanisterCode.fromDirectory(classes, "demo.Counter").hashHex());
  }

  @Test
  void theHashFollowsTheBytesAndAttachRefusesOtherCode() throws IOException {
    String changed = CompiledCanisters.COUNTER.replace("bumps++", "bumps += 2");
    Path classes2 = CompiledCanisters.compile(dir.resolve("v2"), "Counter", changed);
    Path jar2 = CompiledCanisters.jar(classes2, dir.resolve("counter2.jar"));
    CanisterCode v1 = CanisterCode.fromJar(jar, "demo.Counter");
    CanisterCode v2 = CanisterCode.fromJar(jar2, "demo.Counter");
    assertNotEquals(v1.hashHex(), v2.hashHex());
    Path image = dir.resolve("image.bin");
    try (Host host = Host.open(image)) {
      host.install(v1, null);
    }
    try (Host host = Host.open(image)) {
      CanisterStateException e = assertThrows(CanisterStateException.class, () -> host.attach(v2));
      assertTrue(e.getMessage().contains("upgrade to change the code"), e.getMessage());
      host.upgrade(v2, null, UpgradeOptions.skipPreUpgrade());
      assertEquals("2 1", bump(host));
    }
  }

  @Test
  void codeThatCannotBeLoadedIsATypedError() throws IOException {
    try (Host host = Host.inMemory()) {
      assertThrows(
          CanisterStateException.class,
          () -> host.install(CanisterCode.fromJar(jar, "demo.Missing"), null));
      assertThrows(
          CanisterStateException.class,
          () -> host.install(CanisterCode.fromJar(jar, "java.lang.Object"), null));
      assertTrue(!host.status().installed());
    }
    assertThrows(
        CanisterStateException.class,
        () -> CanisterCode.fromJar(dir.resolve("none.jar"), "demo.Counter"));
    Files.createDirectories(dir.resolve("empty"));
    assertThrows(
        CanisterStateException.class,
        () -> CanisterCode.fromDirectory(dir.resolve("nothing"), "demo.Counter"));
  }

  @Test
  void argumentsReachInit() {
    TestCanister c = new TestCanister();
    try (Host host = Host.inMemory()) {
      host.install(CanisterCode.fromFactory("kv", () -> c), b("héllo"));
      assertEquals("héllo", host.query("get", b("init")).replyText());
    }
  }
}
