package dev.stablestructures.examples.assets;

import dev.stablestructures.runtime.CanisterCode;

/** The asset-storage canister's two versions as code, and its {@code store} argument. */
public final class AssetStorage {
  private AssetStorage() {}

  /**
   * Version 1, made in this JVM (tests and the example; the cli loads the same classes from a jar).
   *
   * @return the code, named by its class
   */
  public static CanisterCode v1() {
    return CanisterCode.fromFactory(AssetStorageV1.class.getName(), AssetStorageV1::new);
  }

  /**
   * Version 2.
   *
   * @return the code, named by its class
   */
  public static CanisterCode v2() {
    return CanisterCode.fromFactory(AssetStorageV2.class.getName(), AssetStorageV2::new);
  }

  /**
   * Builds the argument of {@code store}.
   *
   * @param path the asset's path, without spaces
   * @param content its bytes
   * @return {@code "PATH CONTENT"} as bytes
   */
  public static byte[] storeArg(String path, byte[] content) {
    return AssetArgs.of(path, content);
  }
}
