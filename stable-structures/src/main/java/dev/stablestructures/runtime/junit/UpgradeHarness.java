package dev.stablestructures.runtime.junit;

import dev.stablestructures.codec.Principal;
import dev.stablestructures.runtime.CallResult;
import dev.stablestructures.runtime.CanisterCode;
import dev.stablestructures.runtime.Host;
import dev.stablestructures.runtime.UpgradeOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What an {@link UpgradeTwice} test drives its canister through: a fresh in-memory {@link Host} per
 * run, the code it installed, and the upgrade points. In the {@link UpgradeRun#WITH_UPGRADE} run
 * every {@link #upgradePoint()} upgrades the canister; if the test marks no point before its first
 * {@link #query}, the harness upgrades once right before that query (the end of the test's setup,
 * in the seed's shape: install, change, upgrade, query, assert). In the {@link UpgradeRun#PLAIN}
 * run nothing is upgraded.
 */
public final class UpgradeHarness implements AutoCloseable {
  private static final byte[] NO_ARG = new byte[0];

  private final UpgradeRun run;
  private final Host host;
  private CanisterCode installed;
  private CanisterCode target;
  private byte[] targetArg = NO_ARG;
  private UpgradeOptions targetOptions = UpgradeOptions.DEFAULT;
  private boolean marked;
  private final List<CallResult> upgrades = new ArrayList<>();

  UpgradeHarness(UpgradeRun run) {
    this.run = run;
    this.host = Host.inMemory();
  }

  /**
   * Returns which run this is.
   *
   * @return {@link UpgradeRun#PLAIN} or {@link UpgradeRun#WITH_UPGRADE}
   */
  public UpgradeRun run() {
    return run;
  }

  /**
   * Returns the host the canister runs on (an in-memory one, new for each run). Messages sent to it
   * directly are not seen by the harness: read through {@link #query} or mark points.
   *
   * @return the host
   */
  public Host host() {
    return host;
  }

  /**
   * Installs the canister with an empty argument.
   *
   * @param code its code
   * @return the install's result
   */
  public CallResult install(CanisterCode code) {
    return install(code, NO_ARG);
  }

  /**
   * Installs the canister; its upgrades go to the same code unless {@link #upgradeTo} says
   * otherwise.
   *
   * @param code its code
   * @param arg the argument passed to {@code init}
   * @return the install's result
   */
  public CallResult install(CanisterCode code, byte[] arg) {
    CallResult result = host.install(code, arg);
    installed = code;
    return result;
  }

  /**
   * Makes the upgrade points upgrade to other code (a new version of the canister).
   *
   * @param code the code to upgrade to
   * @param arg the argument passed to its {@code postUpgrade}
   * @param options whether to skip the old code's {@code preUpgrade}
   * @return this harness
   */
  public UpgradeHarness upgradeTo(CanisterCode code, byte[] arg, UpgradeOptions options) {
    this.target = code;
    this.targetArg = arg.clone();
    this.targetOptions = options;
    return this;
  }

  /**
   * Makes the upgrade points upgrade to other code, with an empty argument.
   *
   * @param code the code to upgrade to
   * @return this harness
   */
  public UpgradeHarness upgradeTo(CanisterCode code) {
    return upgradeTo(code, NO_ARG, UpgradeOptions.DEFAULT);
  }

  /**
   * Marks a point where the upgrade run upgrades the canister; does nothing in the plain run. Once
   * a test marks a point, the harness performs no upgrade of its own.
   *
   * @throws IllegalStateException if nothing was installed through this harness
   */
  public void upgradePoint() {
    marked = true;
    if (run == UpgradeRun.WITH_UPGRADE) {
      upgrade();
    }
  }

  /**
   * Sends an update message.
   *
   * @param method the method's name
   * @param arg its argument
   * @return the reply and its cost
   */
  public CallResult update(String method, byte[] arg) {
    return host.update(method, arg);
  }

  /**
   * Sends an update message with a UTF-8 text argument.
   *
   * @param method the method's name
   * @param arg its argument
   * @return the reply and its cost
   */
  public CallResult update(String method, String arg) {
    return update(method, arg.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends an update message from a chosen caller.
   *
   * @param method the method's name
   * @param arg its argument
   * @param caller who sends it
   * @return the reply and its cost
   */
  public CallResult update(String method, byte[] arg, Principal caller) {
    return host.update(method, arg, caller);
  }

  /**
   * Sends a query from a chosen caller (see {@link #query(String, byte[])}).
   *
   * @param method the method's name
   * @param arg its argument
   * @param caller who sends it
   * @return the reply and its cost
   */
  public CallResult query(String method, byte[] arg, Principal caller) {
    beforeQuery();
    return host.query(method, arg, caller);
  }

  /**
   * Sends a query; in the upgrade run, the first query of a test that marked no point is preceded
   * by the upgrade.
   *
   * @param method the method's name
   * @param arg its argument
   * @return the reply and its cost
   */
  public CallResult query(String method, byte[] arg) {
    beforeQuery();
    return host.query(method, arg);
  }

  /** The end of an unmarked test's setup: its first query. */
  private void beforeQuery() {
    if (run == UpgradeRun.WITH_UPGRADE && !marked && upgrades.isEmpty() && installed != null) {
      upgrade();
    }
  }

  /**
   * Sends a query with a UTF-8 text argument (see {@link #query(String, byte[])}).
   *
   * @param method the method's name
   * @param arg its argument
   * @return the reply and its cost
   */
  public CallResult query(String method, String arg) {
    return query(method, arg.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns how many upgrades this run performed.
   *
   * @return 0 in the plain run
   */
  public int upgradeCount() {
    return upgrades.size();
  }

  /**
   * Returns the results of the upgrades performed, with their cost reports.
   *
   * @return the results, oldest first
   */
  public List<CallResult> upgradeResults() {
    return List.copyOf(upgrades);
  }

  private void upgrade() {
    if (installed == null) {
      throw new IllegalStateException(
          "upgradePoint() before install(): install the canister through the UpgradeHarness");
    }
    CanisterCode next = target != null ? target : installed;
    upgrades.add(host.upgrade(next, targetArg, targetOptions));
    installed = next;
  }

  /** Closes the host. */
  @Override
  public void close() {
    host.close();
  }
}
