package dev.stablestructures.cli;

import dev.stablestructures.examples.assets.AssetStorageV2;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Packs the example canisters (the classes of {@code dev.stablestructures.examples.assets}, {@code
 * .profiles} and {@code .traps}, from the examples module's classes directory or jar) into a code
 * jar for {@code canister install --code}, as a canister author's build would.
 */
final class CanisterJars {
  private static final List<String> PACKAGES =
      List.of(
          "dev/stablestructures/examples/assets/",
          "dev/stablestructures/examples/profiles/",
          "dev/stablestructures/examples/traps/");

  private CanisterJars() {}

  /** Where the examples module's classes are: its classes directory or its jar. */
  static Path examplesLocation() {
    try {
      return Path.of(
              AssetStorageV2.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toAbsolutePath()
          .normalize();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes the example canisters' jar.
   *
   * @param jar the jar to write
   * @param canisterClass the manifest's {@code Canister-Class}, or null for none
   * @return {@code jar}
   * @throws IOException if the classes cannot be read or the jar written
   */
  static Path build(Path jar, String canisterClass) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (canisterClass != null) {
      manifest.getMainAttributes().putValue("Canister-Class", canisterClass);
    }
    Path from = examplesLocation();
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      if (Files.isDirectory(from)) {
        try (Stream<Path> walk = Files.walk(from)) {
          for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
            String name =
                from.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
            if (wanted(name)) {
              add(out, name, Files.readAllBytes(f));
            }
          }
        }
      } else {
        try (JarFile in = new JarFile(from.toFile())) {
          for (JarEntry e : in.stream().filter(e -> wanted(e.getName())).toList()) {
            try (InputStream bytes = in.getInputStream(e)) {
              add(out, e.getName(), bytes.readAllBytes());
            }
          }
        }
      }
    }
    return jar;
  }

  private static boolean wanted(String name) {
    return name.endsWith(".class") && PACKAGES.stream().anyMatch(name::startsWith);
  }

  private static void add(JarOutputStream out, String name, byte[] bytes) throws IOException {
    JarEntry entry = new JarEntry(name);
    entry.setTime(0); // the same classes make the same jar, so the same code hash
    out.putNextEntry(entry);
    out.write(bytes);
    out.closeEntry();
  }
}
