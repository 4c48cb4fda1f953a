package dev.stablestructures.examples;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.cell.StableCell;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.FileMemory;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.vec.StableVec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The main example: a "canister" keeps its state in stable memory (a memory-mapped file), is
 * "upgraded" (the process drops every heap object and opens the same file again, as new code
 * would), and finds all its state there at once, with nothing serialized or deserialized.
 *
 * <p>Run with {@code mvn -B -q -pl examples -am -DskipTests package exec:java}; pass a file path to
 * keep the memory between runs (each run then counts one more upgrade).
 */
public final class QuickStart {
  private static final int BALANCES = 0;
  private static final int EVENTS = 1;
  private static final int VERSION = 2;

  private QuickStart() {}

  /**
   * Installs (or upgrades) the example canister and prints what it finds.
   *
   * @param args an optional path of the stable memory file
   * @throws IOException if the temporary directory cannot be made
   */
  public static void main(String[] args) throws IOException {
    Path file =
        args.length > 0
            ? Path.of(args[0])
            : Files.createTempDirectory("stable-structures").resolve("stable_memory.bin");
    System.out.println("stable memory: " + file);

    // Version 1 of the code: install, then serve some updates.
    try (FileMemory memory = FileMemory.open(file)) {
      MemoryManager manager = MemoryManager.init(memory);
      StableBTreeMap<String, Long> balances =
          StableBTreeMap.init(manager.get(BALANCES), Codecs.string(), Codecs.u64());
      StableVec<Long> events = StableVec.init(manager.get(EVENTS), Codecs.u64());
      StableCell<Long> version = StableCell.init(manager.get(VERSION), Codecs.u64(), 0L);

      version.set(version.get() + 1);
      for (int i = 0; i < 100_000; i++) {
        balances.merge("account-" + (i % 10_000), 1L, Long::sum);
        events.add((long) i);
      }
      System.out.printf(
          "v1: %d accounts, %d events, code version %d%n",
          balances.size(), events.size(), version.get());
    } // the process's heap is gone after this point: only the file survives

    // Version 2 of the code: the upgrade opens the same memory; no post_upgrade work at all.
    long start = System.nanoTime();
    try (FileMemory memory = FileMemory.open(file)) {
      MemoryManager manager = MemoryManager.init(memory);
      StableBTreeMap<String, Long> balances =
          StableBTreeMap.init(manager.get(BALANCES), Codecs.string(), Codecs.u64());
      StableVec<Long> events = StableVec.init(manager.get(EVENTS), Codecs.u64());
      StableCell<Long> version = StableCell.init(manager.get(VERSION), Codecs.u64(), 0L);
      long micros = (System.nanoTime() - start) / 1_000;
      version.set(version.get() + 1);
      System.out.printf(
          "v2: reopened in %d µs: %d accounts (account-42 has %d), %d events, code version %d%n",
          micros, balances.size(), balances.get("account-42"), events.size(), version.get());
      System.out.println("stats of the balances map: " + balances.stats());

      // Memory that holds something else is refused with a typed error, never overwritten.
      Memory eventsMemory = manager.get(EVENTS);
      try {
        StableBTreeMap.init(eventsMemory, Codecs.string(), Codecs.u64());
      } catch (BadMagicException e) {
        System.out.println("refused as expected: " + e.getMessage());
      }
    }
  }
}
