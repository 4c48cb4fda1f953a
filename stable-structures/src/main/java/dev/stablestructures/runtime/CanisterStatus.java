package dev.stablestructures.runtime;

import dev.stablestructures.codec.Principal;
import dev.stablestructures.manager.MemoryManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What {@link Host#status()} reports, as the IC's {@code canister_status} and {@code dfx canister
 * status} do: the id, the installed code and its version counter, the stable-memory version, the
 * memory's size, the named structures and the last upgrade.
 *
 * @param installed whether code is installed
 * @param attached whether the installed code is loaded in this process (updates and queries can
 *     run)
 * @param principal the canister id
 * @param codeName the installed code's name, or the empty string
 * @param codeHash the installed code's SHA-256 as hexadecimal (zeros for a factory), or empty
 * @param codeVersion 1 at install, +1 at every upgrade and reinstall; 0 if nothing is installed
 * @param stableVersion the stable-memory version of the data; 0 if nothing is installed
 * @param memorySizeInBytes the size of the whole stable memory
 * @param structures the named memories, in the order they were declared
 * @param lastUpgrade the time of the last install, upgrade or reinstall, or null
 */
public record CanisterStatus(
    boolean installed,
    boolean attached,
    Principal principal,
    String codeName,
    String codeHash,
    long codeVersion,
    int stableVersion,
    long memorySizeInBytes,
    List<Structure> structures,
    Instant lastUpgrade) {

  /** Copies the list. */
  public CanisterStatus {
    structures = List.copyOf(structures);
  }

  /** The status of an installed canister, from its committed metadata. */
  static CanisterStatus of(
      RuntimeMetadata committed, MemoryManager manager, long sizeInBytes, boolean attached) {
    List<Structure> structures = new ArrayList<>();
    for (MemoryDeclaration d : committed.declarations().list()) {
      long bytes = manager.get(d.memoryId()).sizeInBytes();
      if (d.dataMemoryId() >= 0) {
        bytes += manager.get(d.dataMemoryId()).sizeInBytes();
      }
      structures.add(new Structure(d, bytes));
    }
    return new CanisterStatus(
        true,
        attached,
        committed.principal(),
        committed.codeName(),
        HexFormat.of().formatHex(committed.codeHash()),
        committed.codeVersion(),
        committed.stableVersion(),
        sizeInBytes,
        structures,
        Instant.ofEpochMilli(committed.lastUpgradeMillis()));
  }

  /**
   * One named memory and how much of the stable memory it holds.
   *
   * @param declaration the stored declaration
   * @param sizeInBytes the size of its virtual memories together
   */
  public record Structure(MemoryDeclaration declaration, long sizeInBytes) {}
}
