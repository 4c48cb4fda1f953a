/**
 * Metering, as the Internet Computer charges stable memory: a {@link
 * dev.stablestructures.runtime.meter.Meter} per message counts the read and write calls, their
 * bytes and the 4 KiB pages they newly dirty, turns them into instructions (20 per call, 1 per
 * byte, 1,000 per newly dirtied page) and throws {@link
 * dev.stablestructures.runtime.meter.LimitExceededException} at the call that would cross one of
 * the message's caps ({@link dev.stablestructures.runtime.meter.MeterLimits}). A {@link
 * dev.stablestructures.runtime.meter.MeteredMemory} over a memory charges the current meter on
 * every access; a memory without one pays nothing, since no other memory class knows of metering.
 *
 * <p>This package depends only on the memory layer and the root package, never on the runtime that
 * uses it.
 */
package dev.stablestructures.runtime.meter;
