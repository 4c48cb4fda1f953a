package dev.stablestructures.runtime;

import dev.stablestructures.codec.Principal;
import dev.stablestructures.memory.Durability;
import dev.stablestructures.runtime.meter.MeterLimits;
import java.time.Clock;
import java.util.Objects;

/**
 * How a {@link Host} runs a canister. Immutable; each setter returns new options:
 *
 * <pre>{@code
 * Host.open(image, HostOptions.defaults().principal(Principals.canisterId(3)));
 * }</pre>
 *
 * <p>The defaults: {@link Durability#PROCESS_DEATH}; the canister id {@code
 * Principals.canisterId(1)} ({@code rrkah-fqaaa-aaaaa-aaaaq-cai}) for a new install; the anonymous
 * principal as the controller (the caller of install, upgrade and reinstall, and of updates and
 * queries given no caller); the system clock; the IC's metering caps ({@link MeterLimits#ic()}).
 */
public final class HostOptions {
  private static final HostOptions DEFAULTS =
      new HostOptions(
          Durability.PROCESS_DEATH,
          Principals.canisterId(1),
          Principals.anonymous(),
          Clock.systemUTC(),
          MeterLimits.ic());

  private final Durability durability;
  private final Principal principal;
  private final Principal controller;
  private final Clock clock;
  private final MeterLimits limits;

  private HostOptions(
      Durability durability,
      Principal principal,
      Principal controller,
      Clock clock,
      MeterLimits limits) {
    this.durability = durability;
    this.principal = principal;
    this.controller = controller;
    this.clock = clock;
    this.limits = limits;
  }

  /**
   * Returns the default options.
   *
   * @return the defaults
   */
  public static HostOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns these options with another durability, for {@link Host#open(java.nio.file.Path,
   * HostOptions)}.
   *
   * @param durability what a committed message survives
   * @return the new options
   */
  public HostOptions durability(Durability durability) {
    return new HostOptions(
        Objects.requireNonNull(durability, "durability"), principal, controller, clock, limits);
  }

  /**
   * Returns these options with another canister id, stored at the first install; an installed
   * canister keeps the id it has.
   *
   * @param principal the canister's id
   * @return the new options
   */
  public HostOptions principal(Principal principal) {
    return new HostOptions(
        durability, Objects.requireNonNull(principal, "principal"), controller, clock, limits);
  }

  /**
   * Returns these options with another controller.
   *
   * @param controller the caller of lifecycle messages, and the default caller
   * @return the new options
   */
  public HostOptions controller(Principal controller) {
    return new HostOptions(
        durability, principal, Objects.requireNonNull(controller, "controller"), clock, limits);
  }

  /**
   * Returns these options with another clock (a fixed one makes tests repeatable).
   *
   * @param clock gives each message its time
   * @return the new options
   */
  public HostOptions clock(Clock clock) {
    return new HostOptions(
        durability, principal, controller, Objects.requireNonNull(clock, "clock"), limits);
  }

  /**
   * Returns these options with other metering caps.
   *
   * @param limits the caps of each message kind ({@link MeterLimits#unlimited()} for none)
   * @return the new options
   */
  public HostOptions limits(MeterLimits limits) {
    return new HostOptions(
        durability, principal, controller, clock, Objects.requireNonNull(limits, "limits"));
  }

  /**
   * Returns the metering caps.
   *
   * @return the caps of each message kind
   */
  public MeterLimits limits() {
    return limits;
  }

  /**
   * Returns the durability.
   *
   * @return what a committed message survives (file images only)
   */
  public Durability durability() {
    return durability;
  }

  /**
   * Returns the canister id a new install gets.
   *
   * @return the principal
   */
  public Principal principal() {
    return principal;
  }

  /**
   * Returns the controller.
   *
   * @return the caller of lifecycle messages, and the default caller
   */
  public Principal controller() {
    return controller;
  }

  /**
   * Returns the clock.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  @Override
  public String toString() {
    return "HostOptions["
        + durability
        + ", principal "
        + principal
        + ", controller "
        + controller
        + "]";
  }
}
