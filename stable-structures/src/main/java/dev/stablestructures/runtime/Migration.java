package dev.stablestructures.runtime;

/**
 * One step of a stable-memory migration, from version {@code v} to {@code v + 1}, registered with
 * {@link Migrations.Builder#step}. It runs in the upgrade's transaction, after the new code was
 * instantiated and before its {@code postUpgrade}; an exception rolls the whole upgrade back.
 * Inside a step, a named memory may be declared with another kind or other codecs than stored (see
 * {@link NamedMemories}).
 */
@FunctionalInterface
public interface Migration {
  /**
   * Converts the stored data from one version to the next.
   *
   * @param ctx the upgrade's context; {@link CanisterContext#stableVersion()} is the version the
   *     step starts from
   */
  void migrate(CanisterContext ctx);
}
