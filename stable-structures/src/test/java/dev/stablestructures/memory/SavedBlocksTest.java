package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SavedBlocks} against an exact map: within a transaction a lookup answers a block's newest
 * sequence number or forgets it (a number below the transaction's first), never an older or a
 * made-up one; what the near table holds is never forgotten; earlier transactions count for
 * nothing.
 */
class SavedBlocksTest {
  @Test
  void aSmallTransactionIsAnsweredExactly() {
    SavedBlocks saved = new SavedBlocks();
    saved.begin(1);
    saved.mark(0, 1, 1); // a header block
    saved.mark(100, 104, 2); // a node of four blocks
    saved.mark(101, 102, 3); // one of them saved again (a savepoint's copy)
    assertEquals(1, saved.seqOf(0));
    assertEquals(2, saved.seqOf(100));
    assertEquals(3, saved.seqOf(101));
    assertEquals(2, saved.seqOf(103));
    assertEquals(0, saved.seqOf(104));
    assertEquals(0, saved.seqOf(100 + SavedBlocks.NEAR_SLOTS), "same near slot, never saved");
  }

  @Test
  void aDisplacedEntryOfTheOpenTransactionMovesToTheFarTable() {
    SavedBlocks saved = new SavedBlocks();
    saved.begin(1);
    saved.mark(5, 6, 1);
    saved.mark(5 + SavedBlocks.NEAR_SLOTS, 6 + SavedBlocks.NEAR_SLOTS, 2); // takes 5's near slot
    assertEquals(1, saved.seqOf(5), "kept in the far table");
    assertEquals(2, saved.seqOf(5 + SavedBlocks.NEAR_SLOTS));
    saved.mark(5, 6, 3); // back into the near table, with its newer number
    assertEquals(3, saved.seqOf(5));
    assertEquals(2, saved.seqOf(5 + SavedBlocks.NEAR_SLOTS));
  }

  @Test
  void entriesOfEarlierTransactionsAreWorthNothing() {
    SavedBlocks saved = new SavedBlocks();
    saved.begin(1);
    saved.mark(7, 8, 1);
    saved.mark(7 + SavedBlocks.NEAR_SLOTS, 8 + SavedBlocks.NEAR_SLOTS, 2); // 7 goes far
    saved.begin(3);
    assertTrue(saved.seqOf(7) < 3, "an earlier transaction's far entry");
    assertTrue(saved.seqOf(7 + SavedBlocks.NEAR_SLOTS) < 3, "an earlier transaction's near one");
    saved.mark(7, 8, 3); // displaces the stale near entry, which is not kept
    assertEquals(3, saved.seqOf(7));
    assertTrue(saved.seqOf(7 + SavedBlocks.NEAR_SLOTS) < 3);
  }

  @Test
  void randomTransactionsNeverAnswerAnOlderOrAWrongNumber() {
    SplittableRandom random = new SplittableRandom(7);
    SavedBlocks saved = new SavedBlocks();
    long seq = 1;
    for (int tx = 0; tx < 300; tx++) {
      long first = seq;
      saved.begin(first);
      Map<Long, Long> model = new HashMap<>();
      int marks = 1 + random.nextInt(tx % 3 == 0 ? 4000 : 20);
      long span = tx % 2 == 0 ? 64 : 1 << 20;
      for (int i = 0; i < marks; i++) {
        long from = random.nextLong(span);
        long to = from + 1 + random.nextInt(random.nextInt(10) == 0 ? 300 : 4);
        saved.mark(from, to, seq);
        for (long b = from; b < to; b++) {
          model.put(b, seq);
        }
        seq++;
        long probe =
            random.nextBoolean() ? from + random.nextLong(to - from) : random.nextLong(span);
        check(saved, model, first, probe);
      }
      for (long b : model.keySet()) {
        check(saved, model, first, b);
      }
      if (marks <= SavedBlocks.NEAR_SLOTS / 8) {
        for (Map.Entry<Long, Long> e : model.entrySet()) {
          long b = e.getKey();
          boolean alone =
              model.keySet().stream()
                  .noneMatch(
                      o ->
                          o != b
                              && (o & (SavedBlocks.NEAR_SLOTS - 1))
                                  == (b & (SavedBlocks.NEAR_SLOTS - 1)));
          if (alone) {
            assertEquals(e.getValue(), saved.seqOf(b), "a block alone in its near slot is exact");
          }
        }
      }
    }
  }

  private static void check(SavedBlocks saved, Map<Long, Long> model, long first, long block) {
    long answer = saved.seqOf(block);
    Long newest = model.get(block);
    if (answer >= first) {
      assertEquals(newest, answer, "block " + block + ": a live answer must be its newest record");
    }
  }
}
