package dev.stablestructures.examples;

import dev.stablestructures.codec.Principal;
import dev.stablestructures.examples.profiles.Profiles;
import dev.stablestructures.runtime.Host;
import dev.stablestructures.runtime.UpgradeOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The seed's "professional profiles and social connections" dapp, upgraded to a version with a new
 * field (a headline) and a new feature (search) through a versioned migration, with every profile
 * and connection kept. On a FileMemory in a temporary directory.
 *
 * <p>Run with {@code mvn -B -q -pl examples -am -DskipTests package exec:java
 * -Dexec.mainClass=dev.stablestructures.examples.ProfilesExample}.
 */
public final class ProfilesExample {
  private static final byte[] NONE = new byte[0];

  private ProfilesExample() {}

  /**
   * Runs the example.
   *
   * @param args none
   * @throws IOException if the temporary directory cannot be made
   */
  public static void main(String[] args) throws IOException {
    Path image = Files.createTempDirectory("profiles").resolve("profiles.bin");
    Show.line("profiles dapp, stable memory in " + image);
    Principal ada = Principal.of(new byte[] {1});
    Principal bob = Principal.of(new byte[] {2});
    Principal cy = Principal.of(new byte[] {3});
    try (Host host = Host.open(image)) {
      host.install(Profiles.v1(), NONE);
      host.update("setProfile", text("Ada|Writes compilers"), ada);
      host.update("setProfile", text("Bob|Builds bridges"), bob);
      host.update("setProfile", text("Cy|Plays the cello"), cy);
      host.update("connect", text(bob.toText()), ada);
      host.update("connect", text(cy.toText()), ada);
      Show.line("v1: " + host.query("stats", NONE).replyText());
      Show.line("v1: profile of Ada = " + host.query("profile", text(ada.toText())).replyText());

      long start = System.nanoTime();
      Show.step(
          "upgrade v1 -> v2: the migration from stable version 1 rewrites each profile with a"
              + " headline",
          host.upgrade(Profiles.v2(), NONE, UpgradeOptions.DEFAULT),
          System.nanoTime() - start);
      Show.line(
          "v2: "
              + host.query("stats", NONE).replyText()
              + ", stable version "
              + host.status().stableVersion());
      Show.line("v2: profile of Ada = " + host.query("profile", text(ada.toText())).replyText());
      Show.line(
          "v2: connections of Ada = "
              + host.query("connections", text(ada.toText())).replyText().replace('\n', ' '));
      host.update("setHeadline", text("Compiler engineer"), ada);
      Show.line(
          "v2: new field: profile of Ada = "
              + host.query("profile", text(ada.toText())).replyText());
      Show.line(
          "v2: new feature: search 'compiler' -> "
              + host.query("search", text("compiler")).replyText());
    }
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
