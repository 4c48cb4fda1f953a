package dev.stablestructures.crash;

import dev.stablestructures.crash.Step.Kind;
import dev.stablestructures.testing.TestRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The kill test's random workload, a pure function of (seed, mode, op index): the child and the
 * parent's model compute op {@code i} independently and get the same steps, so nothing but the
 * index ever crosses the process boundary.
 *
 * <p>Sizes are chosen so that the short life of one child already exercises the interesting paths:
 * the {@code u64 -> u64} B-tree draws keys from 4,096 with 57% puts, so it settles near 2,300
 * entries (over a hundred nodes of at most 11 entries) with splits and merges on every few
 * operations; the large-value B-tree keeps up to 48 values of up to 9,000 bytes (several overflow
 * pages each); the vector, log and cell take byte strings of varying length so a torn write shows;
 * the heap settles where pushes and pops balance. The manager uses one-page buckets (see {@link
 * Stores}), so growing any structure often allocates buckets too.
 */
final class Workload {
  /** Keys of the {@code u64 -> u64} B-tree are below this. */
  static final long MAP_KEYS = 4_096;

  /** Keys of the large-value B-tree are below this. */
  static final long BLOB_KEYS = 48;

  /** The longest large value. */
  static final int BLOB_MAX = 9_000;

  /** The vector's element bound (its codec is {@code Blob<VEC_MAX>}). */
  static final int VEC_MAX = 40;

  /** The longest cell value. */
  static final int CELL_MAX = 3_000;

  /** The longest log entry. */
  static final int LOG_MAX = 300;

  /** The most steps of one transaction in {@link Mode#TRANSACTIONS}. */
  static final int MAX_TX_STEPS = 8;

  // Relative weights of the kinds, in Kind order; they add up to 100.
  private static final int[] WEIGHTS = {24, 18, 5, 3, 7, 4, 5, 7, 10, 10, 7};

  private final long seed;
  private final Mode mode;

  /**
   * Describes a workload.
   *
   * @param seed the seed; the same seed and mode give the same ops
   * @param mode one step per op, or multi-step transactions
   */
  Workload(long seed, Mode mode) {
    this.seed = seed;
    this.mode = mode;
  }

  /**
   * Returns op number {@code index}.
   *
   * @param index the op's number, from 0
   * @return the op
   */
  Op op(long index) {
    // Each op has a stream of its own, so computing op i never needs ops 0..i-1.
    TestRandom random = new TestRandom(seed ^ (index * 0x9E37_79B9_7F4A_7C15L) ^ index);
    if (mode == Mode.SINGLE) {
      return new Op(index, List.of(step(random)), false);
    }
    int count = 1 + (int) random.nextBelow(MAX_TX_STEPS);
    List<Step> steps = new ArrayList<>(count);
    for (int s = 0; s < count; s++) {
      steps.add(step(random));
    }
    return new Op(index, List.copyOf(steps), random.nextBelow(10) == 0);
  }

  private static Step step(TestRandom random) {
    Kind kind = kind(random.nextBelow(100));
    return switch (kind) {
      case MAP_PUT -> new Step(kind, random.nextBelow(MAP_KEYS), random.next(), 0);
      case MAP_REMOVE -> new Step(kind, random.nextBelow(MAP_KEYS), 0, 0);
      case BLOB_PUT ->
          new Step(kind, random.nextBelow(BLOB_KEYS), random.next(), length(random, BLOB_MAX));
      case BLOB_REMOVE -> new Step(kind, random.nextBelow(BLOB_KEYS), 0, 0);
      case VEC_PUSH -> new Step(kind, 0, random.next(), length(random, VEC_MAX));
      case VEC_POP, HEAP_POP -> new Step(kind, 0, 0, 0);
      case VEC_SET ->
          new Step(kind, random.nextBelow(Long.MAX_VALUE), random.next(), length(random, VEC_MAX));
      case CELL_SET -> new Step(kind, 0, random.next(), length(random, CELL_MAX));
      case LOG_APPEND -> new Step(kind, 0, random.next(), length(random, LOG_MAX));
      case HEAP_PUSH -> new Step(kind, 0, random.nextBelow(1L << 40), 0);
    };
  }

  private static int length(TestRandom random, int max) {
    return (int) random.nextBelow(max + 1L);
  }

  private static Kind kind(long roll) {
    long left = roll;
    Kind[] kinds = Kind.values();
    for (int k = 0; k < kinds.length; k++) {
      left -= WEIGHTS[k];
      if (left < 0) {
        return kinds[k];
      }
    }
    throw new AssertionError("weights add up to " + (roll - left) + ", not 100");
  }
}
