/**
 * The canister runtime: user code ({@link dev.stablestructures.runtime.Canister}) run by a {@link
 * dev.stablestructures.runtime.Host} over one stable memory with the Internet Computer's lifecycle
 * (install, upgrade, reinstall, update, query), where every message is one transaction and a trap
 * rolls it back byte for byte. Code versions are loaded through their own class loaders ({@link
 * dev.stablestructures.runtime.CanisterCode}); named memories and the stable-memory version are
 * checked at every upgrade. The top layer of the library: it depends on everything below and
 * nothing depends on it.
 */
package dev.stablestructures.runtime;
