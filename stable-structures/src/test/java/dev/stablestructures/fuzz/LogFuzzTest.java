package dev.stablestructures.fuzz;

import static dev.stablestructures.fuzz.FuzzMemories.attempt;
import static dev.stablestructures.fuzz.FuzzMemories.walk;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stablestructures.StableStructureException;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.log.StableLog;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes a {@code Log<bytes>} pair of images (index and data, split as {@link FuzzMemories}
 * describes): load, len, first, last, get, entry length, iterate both ways, verify, append.
 *
 * <p>Contract: on any pair of images, each operation returns or throws a {@link
 * StableStructureException}; nothing else, no hang, no OutOfMemoryError (an entry's length is
 * checked against the data memory before it is read). The target keeps indexes inside {@code
 * len()}. Seeds: {@code LogFuzzTestInputs/loadAndOperate/}, the published {@code
 * log-bytes-index.bin.gz} and slices of {@code log-bytes-data.bin.gz}, trailing zeros cut.
 */
class LogFuzzTest {
  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void loadAndOperate(byte[] input) {
    HeapMemory[] memories = FuzzMemories.twoMemories(input);
    exercise(memories[0], memories[1]);
  }

  /**
   * Loads the log in {@code index} and {@code data} and runs its first operations.
   *
   * @param index the fuzzed index memory
   * @param data the fuzzed data memory
   */
  static void exercise(Memory index, Memory data) {
    StableLog<byte[]> log;
    try {
      log = StableLog.load(index, data, Codecs.bytes());
    } catch (StableStructureException expected) {
      return;
    }
    attempt(log::first);
    attempt(log::last);
    attempt(
        () -> {
          long len = log.len();
          if (len > 0) {
            log.get(len / 2);
            log.entryLength(len - 1);
          }
        });
    attempt(() -> walk(log.iterator(), index));
    attempt(() -> walk(log.descendingIterator(), index));
    attempt(log::validate);
    attempt(log::verify);
    attempt(() -> log.append(new byte[] {1, 2, 3}));
    attempt(() -> log.append(new byte[70_000]));
    attempt(log::verify);
  }
}
