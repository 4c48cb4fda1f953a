package dev.stablestructures.cli.inspect;

/** Picks the structure a {@code --memory ID} names. */
final class Select {
  private Select() {}

  /**
   * The structure in memory {@code id} (either of a Log's two), or the image's only one.
   *
   * @throws InspectFailure (usage) if there is no such memory, or the id is missing
   */
  static Scan.Found found(Scan scan, Integer id) {
    if (scan.managerError != null) {
      throw new InspectFailure(
          InspectFailure.FINDINGS, "the MemoryManager does not load: " + scan.managerError);
    }
    if (!scan.isManaged()) {
      if (id != null) {
        throw new InspectFailure(
            InspectFailure.USAGE,
            "the image holds one structure, not a MemoryManager: there is no memory " + id);
      }
      return scan.found.get(0);
    }
    if (id == null) {
      throw new InspectFailure(
          InspectFailure.USAGE, "the image is a MemoryManager's: name a memory with --memory ID");
    }
    for (Scan.Found found : scan.found) {
      if (found.region.id() == id || (found.data != null && found.data.id() == id)) {
        return found;
      }
    }
    StringBuilder inUse = new StringBuilder();
    for (Scan.Region region : scan.regions) {
      inUse.append(inUse.length() == 0 ? "" : ", ").append(region.id());
    }
    throw new InspectFailure(
        InspectFailure.USAGE, "memory " + id + " is not in use; memories in use: " + inUse);
  }
}
