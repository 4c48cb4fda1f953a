package dev.stablestructures.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The record of a canister's installed code, kept in its {@code code.txt} as {@code key=value}
 * lines: {@code jar} (the copy's file name in the code folder), {@code class} (the Canister class
 * in it), {@code sha256} (the jar's hash) and {@code installed} (the ISO-8601 time of the last
 * install, reinstall or upgrade). Written only after the runtime committed the install, so it
 * always names the code that the image was last committed with.
 *
 * @param jar the jar copy's file name
 * @param className the Canister class
 * @param sha256 the jar's SHA-256, in hex
 * @param installed when it was installed
 */
record InstalledCode(String jar, String className, String sha256, String installed) {
  String format() {
    return "jar="
        + jar
        + "\nclass="
        + className
        + "\nsha256="
        + sha256
        + "\ninstalled="
        + installed
        + "\n";
  }

  static InstalledCode parse(String text, Path file) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : text.split("\n", -1)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        fields.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    for (String key : new String[] {"jar", "class", "sha256", "installed"}) {
      if (!fields.containsKey(key)) {
        throw new Main.CliException(
            Main.IO_ERROR, file + " has no '" + key + "=' line; found " + fields.keySet());
      }
    }
    return new InstalledCode(
        fields.get("jar"), fields.get("class"), fields.get("sha256"), fields.get("installed"));
  }
}
