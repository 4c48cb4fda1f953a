package dev.stablestructures.runtime.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.testing.TestRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The primitive page set agrees with a {@code HashSet} through many rehashes. */
class PageSetTest {
  @Test
  void agreesWithAHashSetOnRandomAndNeighbouringPages() {
    PageSet pages = new PageSet();
    Set<Long> expected = new HashSet<>();
    TestRandom random = new TestRandom(10);
    for (int i = 0; i < 20_000; i++) {
      // Half neighbours (a structure's usual pattern), half spread over 500 GiB of 4 KiB pages.
      long page = i % 2 == 0 ? i / 2 : random.nextBelow(131_072_000L);
      assertEquals(expected.add(page), pages.add(page), "page " + page);
    }
    assertEquals(expected.size(), pages.size());
    for (long page : expected) {
      assertTrue(pages.contains(page));
    }
    assertFalse(pages.contains(131_072_000L));
    assertTrue(pages.add(0L) == false && pages.contains(0L), "page 0 is a page, not a hole");
  }
}
