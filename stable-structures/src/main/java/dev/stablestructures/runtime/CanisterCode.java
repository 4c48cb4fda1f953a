package dev.stablestructures.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A version of a canister's code: where its class comes from and how to make an instance. Code from
 * a jar or a class directory is loaded through a new {@link URLClassLoader} every time the host
 * instantiates it, so an upgrade (even to the same jar) starts with fresh classes: the static state
 * of the old version is dropped with its loader, as a Wasm module's globals are on the IC. The
 * loader's parent is the library's own, so the code shares the library's classes ({@link Canister},
 * the structures, the codecs) and brings everything else.
 *
 * <p>Each code has a name (the class name, or the factory's name) and a hash (SHA-256 of the jar
 * file, or of the class directory's files and paths; all zeros for a factory), stored at install
 * and reported by {@link Host#status()}.
 */
public final class CanisterCode {
  private static final int HASH_SIZE = 32;

  private final String name;
  private final byte[] hash;
  private final String source;
  private final Supplier<Loaded> loader;

  private CanisterCode(String name, byte[] hash, String source, Supplier<Loaded> loader) {
    this.name = name;
    this.hash = hash;
    this.source = source;
    this.loader = loader;
  }

  /**
   * Code in a jar: {@code canisterClass} is loaded from it by a new class loader per instance.
   *
   * @param jar the jar file
   * @param canisterClass the binary name of a public class implementing {@link Canister}, with a
   *     public no-argument constructor
   * @return the code
   * @throws CanisterStateException if the jar cannot be read
   */
  public static CanisterCode fromJar(Path jar, String canisterClass) {
    Objects.requireNonNull(canisterClass, "canisterClass");
    if (!Files.isRegularFile(jar)) {
      throw new CanisterStateException("no canister jar at " + jar + ": expected a jar file");
    }
    byte[] hash = digest(List.of(jar), null);
    return new CanisterCode(
        canisterClass, hash, jar.toString(), () -> load(jar, canisterClass, "jar " + jar));
  }

  /**
   * Code in a class directory (a build's {@code target/classes}), loaded as {@link #fromJar} does.
   *
   * @param classes the directory, the root of the package tree
   * @param canisterClass the binary name of the canister class
   * @return the code
   * @throws CanisterStateException if the directory cannot be read
   */
  public static CanisterCode fromDirectory(Path classes, String canisterClass) {
    Objects.requireNonNull(canisterClass, "canisterClass");
    if (!Files.isDirectory(classes)) {
      throw new CanisterStateException("no class directory at " + classes);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new CanisterStateException("cannot list the class directory " + classes, e);
    }
    byte[] hash = digest(files, classes);
    return new CanisterCode(
        canisterClass,
        hash,
        classes.toString(),
        () -> load(classes, canisterClass, "class directory " + classes));
  }

  /**
   * Code made by a factory, for tests: every instantiation calls it once. Its classes are the
   * caller's, so their static state is <em>not</em> dropped at an upgrade.
   *
   * @param name the code's name, as stored and reported
   * @param factory makes a new instance each time
   * @return the code
   */
  public static CanisterCode fromFactory(String name, Supplier<? extends Canister> factory) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(factory, "factory");
    return new CanisterCode(
        name,
        new byte[HASH_SIZE],
        "factory",
        () -> {
          Canister canister = Trapped.guard(factory::get);
          if (canister == null) {
            throw new CanisterStateException("the factory of code '" + name + "' returned null");
          }
          return new Loaded(canister, null);
        });
  }

  /**
   * Returns the code's name: the canister class's binary name, or the factory's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the code's hash: SHA-256 of the jar, or of the class directory's paths and files; all
   * zeros for a factory.
   *
   * @return a copy of the 32 bytes
   */
  public byte[] hash() {
    return hash.clone();
  }

  /**
   * Returns the hash as lower-case hexadecimal.
   *
   * @return 64 hex digits
   */
  public String hashHex() {
    return HexFormat.of().formatHex(hash);
  }

  /**
   * Returns where the code comes from, for messages.
   *
   * @return the jar's or directory's path, or {@code "factory"}
   */
  public String source() {
    return source;
  }

  /** Makes a new instance, through a new class loader for jars and class directories. */
  Loaded instantiate() {
    return loader.get();
  }

  @Override
  public String toString() {
    return "CanisterCode[" + name + " from " + source + "]";
  }

  /** An instance and the loader that only it uses (null for a factory), closed when dropped. */
  static final class Loaded {
    final Canister canister;
    private final URLClassLoader loader;

    Loaded(Canister canister, URLClassLoader loader) {
      this.canister = canister;
      this.loader = loader;
    }

    /** Closes the instance's class loader; its classes stay usable by whoever still holds them. */
    void close() {
      if (loader != null) {
        try {
          loader.close();
        } catch (IOException e) {
          // Nothing is lost: the loader only reads; the next GC takes it anyway.
        }
      }
    }
  }

  private static Loaded load(Path where, String className, String what) {
    URL url;
    try {
      url = where.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new CanisterStateException("cannot load code from " + what, e);
    }
    URLClassLoader loader =
        new URLClassLoader(
            "canister " + className, new URL[] {url}, CanisterCode.class.getClassLoader());
    try {
      Class<?> type = Class.forName(className, true, loader);
      if (!Canister.class.isAssignableFrom(type)) {
        throw new CanisterStateException(
            className + " in " + what + " does not implement " + Canister.class.getName());
      }
      Object instance = type.getConstructor().newInstance();
      return new Loaded((Canister) instance, loader);
    } catch (ClassNotFoundException e) {
      closeQuietly(loader);
      throw new CanisterStateException("no class " + className + " in " + what, e);
    } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
      closeQuietly(loader);
      throw new CanisterStateException(
          className
              + " in "
              + what
              + " needs to be a public class with a public constructor"
              + " taking no arguments",
          e);
    } catch (InvocationTargetException e) {
      closeQuietly(loader);
      throw new Trapped(e.getCause()); // the constructor trapped
    } catch (RuntimeException | Error e) {
      closeQuietly(loader);
      throw e;
    }
  }

  private static void closeQuietly(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException ignored) {
      // only reading was done
    }
  }

  /** SHA-256 over each file's bytes, in order, each after its path relative to root (if any). */
  private static byte[] digest(List<Path> files, Path root) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    byte[] buffer = new byte[64 * 1024];
    for (Path file : files) {
      if (root != null) {
        sha.update(
            root.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
      }
      try (InputStream in = Files.newInputStream(file)) {
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          sha.update(buffer, 0, n);
        }
      } catch (IOException e) {
        throw new CanisterStateException(
            "cannot read " + file + " to hash it", new UncheckedIOException(e));
      }
    }
    return sha.digest();
  }
}
