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
 *
 * @param durability what a committed message survives (file images only)
 * @param principal the canister id a new install gets; an installed canister keeps the id it has
 * @param controller the caller of lifecycle messages, and the default caller
 * @param clock gives each message its time (a fixed one makes tests repeatable)
 * @param limits the caps of each message kind ({@link MeterLimits#unlimited()} for none)
 */
public record HostOptions(
    Durability durability,
    Principal principal,
    Principal controller,
    Clock clock,
    MeterLimits limits) {
  private static final HostOptions DEFAULTS =
      new HostOptions(
          Durability.PROCESS_DEATH,
          Principals.canisterId(1),
          Principals.anonymous(),
          Clock.systemUTC(),
          MeterLimits.ic());

  /**
   * Checks that every option is given.
   *
   * @param durability what a committed message survives
   * @param principal the canister id a new install gets
   * @param controller the caller of lifecycle messages
   * @param clock gives each message its time
   * @param limits the caps of each message kind
   * @throws NullPointerException if any of them is null
   */
  public HostOptions {
    Objects.requireNonNull(durability, "durability");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(limits, "limits");
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
    return new HostOptions(durability, principal, controller, clock, limits);
  }

  /**
   * Returns these options with another canister id, stored at the first install; an installed
   * canister keeps the id it has.
   *
   * @param principal the canister's id
   * @return the new options
   */
  public HostOptions principal(Principal principal) {
    return new HostOptions(durability, principal, controller, clock, limits);
  }

  /**
   * Returns these options with another controller.
   *
   * @param controller the caller of lifecycle messages, and the default caller
   * @return the new options
   */
  public HostOptions controller(Principal controller) {
    return new HostOptions(durability, principal, controller, clock, limits);
  }

  /**
   * Returns these options with another clock (a fixed one makes tests repeatable).
   *
   * @param clock gives each message its time
   * @return the new options
   */
  public HostOptions clock(Clock clock) {
    return new HostOptions(durability, principal, controller, clock, limits);
  }

  /**
   * Returns these options with other metering caps.
   *
   * @param limits the caps of each message kind ({@link MeterLimits#unlimited()} for none)
   * @return the new options
   */
  public HostOptions limits(MeterLimits limits) {
    return new HostOptions(durability, principal, controller, clock, limits);
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
