/**
 * Coverage-guided fuzz targets (Jazzer {@code @FuzzTest}): each builds a {@link
 * dev.stablestructures.memory.HeapMemory} from the fuzzer's bytes, opens one structure on it and
 * runs its first operations. The contract every target checks: a damaged image only ever raises a
 * {@link dev.stablestructures.StableStructureException}; no other exception, no hang (each target
 * has a per-input timeout and bounds its own walks by the memory's size), no OutOfMemoryError.
 *
 * <p>Plain {@code mvn verify} replays the kept inputs under {@code
 * src/test/resources/dev/stablestructures/fuzz/<Class>Inputs/<method>/} (regression mode); {@code
 * JAZZER_FUZZ=1} fuzzes one target (FUZZING.md at the repository root).
 */
package dev.stablestructures.fuzz;
