package dev.stablestructures.runtime;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Set;

/**
 * The class loader of one instance of canister code: child-first, so that the canister's classes
 * come from its own jar or directory even when the host's class path has them too (tests, an
 * example run with {@code mvn exec:java}); only then is the old version's static state really
 * dropped at an upgrade. Two kinds of classes always come from the parent instead, so that the
 * canister and the host share them: the JDK's (whatever the platform class loader finds) and the
 * library's own packages ({@link Canister}, the structures, the codecs, the meter), of which a
 * second copy would be a different type.
 */
final class CanisterClassLoader extends URLClassLoader {
  static {
    registerAsParallelCapable();
  }

  /** The library's packages: its module's when it runs as a module, else this list. */
  private static final Set<String> LIBRARY = libraryPackages();

  CanisterClassLoader(String name, URL url, ClassLoader parent) {
    super(name, new URL[] {url}, parent);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> type = findLoadedClass(name);
      if (type == null) {
        type = platformClass(name);
      }
      if (type == null && !isLibrary(name)) {
        try {
          type = findClass(name);
        } catch (ClassNotFoundException notInTheCanister) {
          type = null; // a dependency on the host's class path: the parent's
        }
      }
      if (type == null) {
        type = getParent().loadClass(name);
      }
      if (resolve) {
        resolveClass(type);
      }
      return type;
    }
  }

  private static Class<?> platformClass(String name) {
    try {
      return ClassLoader.getPlatformClassLoader().loadClass(name);
    } catch (ClassNotFoundException notTheJdks) {
      return null;
    }
  }

  private static boolean isLibrary(String className) {
    int dot = className.lastIndexOf('.');
    return dot > 0 && LIBRARY.contains(className.substring(0, dot));
  }

  private static Set<String> libraryPackages() {
    Module module = Canister.class.getModule();
    if (module.isNamed()) {
      return module.getPackages();
    }
    String root = "dev.stablestructures";
    return Set.of(
        root,
        root + ".memory",
        root + ".manager",
        root + ".codec",
        root + ".basevec",
        root + ".btreemap",
        root + ".btreeset",
        root + ".vec",
        root + ".cell",
        root + ".log",
        root + ".minheap",
        root + ".tx",
        root + ".internal",
        root + ".runtime",
        root + ".runtime.meter",
        root + ".runtime.junit");
  }
}
