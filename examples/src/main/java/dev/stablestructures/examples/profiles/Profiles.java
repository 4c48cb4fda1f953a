package dev.stablestructures.examples.profiles;

import dev.stablestructures.runtime.CanisterCode;

/** The profiles dapp's two versions as code. */
public final class Profiles {
  private Profiles() {}

  /**
   * Version 1: profiles (name, bio) and connections.
   *
   * @return the code, named by its class
   */
  public static CanisterCode v1() {
    return CanisterCode.fromFactory(ProfilesV1.class.getName(), ProfilesV1::new);
  }

  /**
   * Version 2: a headline field and a search feature, reached through a versioned migration.
   *
   * @return the code, named by its class
   */
  public static CanisterCode v2() {
    return CanisterCode.fromFactory(ProfilesV2.class.getName(), ProfilesV2::new);
  }
}
