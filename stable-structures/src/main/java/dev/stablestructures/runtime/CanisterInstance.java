package dev.stablestructures.runtime;

/**
 * One live instance of a canister's code, as the host holds it: the object, its methods, its
 * migrations, the stable version it declares, and its named memories. Dropped (its class loader
 * closed) when an upgrade or reinstall replaces it.
 */
final class CanisterInstance {
  final CanisterCode code;
  final Canister canister;
  final EntryPoints points;
  final Migrations migrations;
  final int stableVersion;
  final NamedMemories memories = new NamedMemories();
  private final CanisterCode.Loaded loaded;

  private CanisterInstance(
      CanisterCode code,
      CanisterCode.Loaded loaded,
      EntryPoints points,
      Migrations migrations,
      int stableVersion) {
    this.code = code;
    this.loaded = loaded;
    this.canister = loaded.canister;
    this.points = points;
    this.migrations = migrations;
    this.stableVersion = stableVersion;
  }

  /**
   * Instantiates the code and asks it for its methods, migrations and stable version.
   *
   * @param code the code
   * @return the instance
   * @throws Trapped if the user code throws
   * @throws CanisterStateException if the code cannot be loaded or declares a version below 1
   */
  static CanisterInstance of(CanisterCode code) {
    CanisterCode.Loaded loaded = code.instantiate();
    try {
      Canister canister = loaded.canister;
      EntryPoints points = Trapped.guard(() -> EntryPoints.of(canister));
      Migrations.Builder builder = new Migrations.Builder();
      Trapped.run(() -> canister.migrations(builder));
      int version = Trapped.guard(canister::stableVersion);
      if (version < 1) {
        throw new CanisterStateException(
            "code '"
                + code.name()
                + "' declares stable-memory version "
                + version
                + "; versions start at 1");
      }
      return new CanisterInstance(code, loaded, points, builder.build(), version);
    } catch (RuntimeException | Error e) {
      loaded.close();
      throw e;
    }
  }

  /**
   * Checks the stored stable version against this code's and runs the migration steps between them,
   * in the upgrade's transaction, raising the working metadata's version after each step.
   *
   * @throws UpgradeIncompatibleException if the stored version is newer or a step is missing
   * @throws Trapped if a step throws
   */
  void migrate(RuntimeMetadata working, MessageScope scope, CanisterContext ctx) {
    int stored = working.stableVersion();
    int target = stableVersion;
    if (stored > target) {
      throw new UpgradeIncompatibleException(
          "the stable memory is at version "
              + stored
              + ", newer than the version "
              + target
              + " that code '"
              + code.name()
              + "' reads; a downgrade needs code that knows version "
              + stored);
    }
    for (int v = stored; v < target; v++) {
      if (migrations.from(v) == null) {
        throw new UpgradeIncompatibleException(
            "the stable memory is at version "
                + stored
                + " and code '"
                + code.name()
                + "' reads version "
                + target
                + ", but it registers no migration step from version "
                + v
                + " (registered: "
                + migrations
                + ")");
      }
    }
    for (int v = stored; v < target; v++) {
      Migration step = migrations.from(v);
      memories.migrating(true);
      try {
        Trapped.run(() -> step.migrate(ctx));
      } finally {
        memories.migrating(false);
      }
      working.stableVersion(v + 1);
    }
  }

  /** Drops the instance: its class loader is closed. */
  void close() {
    loaded.close();
  }
}
