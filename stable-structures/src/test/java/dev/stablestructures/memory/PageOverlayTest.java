package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablestructures.testing.TestRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link PageOverlay} on its own, over an image held in an array: reads see the overlay's copy of a
 * page, else the image; writes change only the copies; a new page past the bound spills first; the
 * table keeps finding every page as it grows and after it is cleared.
 */
class PageOverlayTest {
  private static final int PAGE = PageOverlay.SIZE;

  /**
   * The image under the overlay; a spill copies the overlay's pages into it, as the memory does.
   */
  private static final class ArrayImage implements PageOverlay.Image {
    final byte[] bytes;
    PageOverlay overlay;
    int overflows;

    ArrayImage(int pages, long seed) {
      bytes = TestRandom.bytes(pages * PAGE, seed);
    }

    @Override
    public void readImage(long offset, byte[] dst, int at, int n) {
      System.arraycopy(bytes, (int) offset, dst, at, n);
    }

    @Override
    public void overflow() {
      overflows++;
      for (long page : overlay.sortedPages()) {
        System.arraycopy(overlay.find(page), 0, bytes, (int) page * PAGE, PAGE);
      }
      overlay.clear();
    }
  }

  private static PageOverlay over(ArrayImage image, int maxPages) {
    PageOverlay overlay = new PageOverlay(image, maxPages);
    image.overlay = overlay;
    return overlay;
  }

  @Test
  void writesLandInTheOverlayAndReadsSeeThemOverTheImage() {
    ArrayImage image = new ArrayImage(4, 1);
    byte[] original = image.bytes.clone();
    PageOverlay overlay = over(image, 100);
    assertTrue(overlay.isEmpty());
    assertEquals(0, overlay.size());

    overlay.write(PAGE - 2, new byte[] {1, 2, 3, 4}, 0, 4); // straddles pages 0 and 1
    assertFalse(overlay.isEmpty());
    assertEquals(2, overlay.size());
    assertArrayEquals(original, image.bytes, "the image is not written");

    byte[] read = new byte[8];
    overlay.read(PAGE - 4, read, 0, 8);
    byte[] expected = Arrays.copyOfRange(original, PAGE - 4, PAGE + 4);
    System.arraycopy(new byte[] {1, 2, 3, 4}, 0, expected, 2, 4);
    assertArrayEquals(expected, read);

    overlay.read(3 * PAGE, read, 0, 8); // a page the overlay does not hold
    assertArrayEquals(Arrays.copyOfRange(original, 3 * PAGE, 3 * PAGE + 8), read);
  }

  @Test
  void primitiveReadsAndWritesAtEveryPositionOfAPageMatchTheBytes() {
    ArrayImage image = new ArrayImage(3, 2);
    byte[] model = image.bytes.clone();
    PageOverlay overlay = over(image, 100);
    overlay.writeLE(PAGE + 100, 1, 0x77); // page 1 held, page 0 not
    model[PAGE + 100] = 0x77;
    TestRandom random = new TestRandom(3);
    for (int width : new int[] {1, 2, 4, 8}) {
      // The page's last whole slot, the straddles, and the next page's first slot, in both
      // a held page and one read from the image.
      for (long base : new long[] {PAGE, 2 * PAGE}) {
        for (long offset = base - width - 1; offset <= base + 1; offset++) {
          assertEquals(le(model, offset, width), overlay.readLE(offset, width), at(offset, width));
          long value = random.next();
          overlay.writeLE(offset, width, value);
          for (int i = 0; i < width; i++) {
            model[(int) offset + i] = (byte) (value >>> (8 * i));
          }
          assertEquals(le(model, offset, width), overlay.readLE(offset, width), at(offset, width));
        }
      }
    }
    byte[] all = new byte[model.length];
    overlay.read(0, all, 0, all.length);
    assertArrayEquals(model, all);
  }

  @Test
  void aReadOfThePageLastSlotWhenTheOverlayHoldsAnotherPageReadsTheImage() {
    ArrayImage image = new ArrayImage(3, 4);
    PageOverlay overlay = over(image, 100);
    overlay.writeLE(0, 8, -1L);
    for (int width : new int[] {1, 2, 4, 8}) {
      long offset = 2L * PAGE - width; // page 1's last slot; page 1 is not held
      assertEquals(le(image.bytes, offset, width), overlay.readLE(offset, width));
    }
  }

  @Test
  void aNewPageAtTheBoundSpillsFirstAndAHeldPageDoesNot() {
    ArrayImage image = new ArrayImage(8, 5);
    PageOverlay overlay = over(image, 3);
    overlay.writeLE(0, 8, 10);
    overlay.writeLE(PAGE, 8, 11);
    overlay.writeLE(2 * PAGE, 8, 12);
    overlay.writeLE(8, 8, 13); // page 0 again: held
    assertEquals(0, image.overflows);
    assertEquals(3, overlay.size());

    overlay.writeLE(3 * PAGE, 8, 14);
    assertEquals(1, image.overflows, "the fourth page spills the three");
    assertEquals(1, overlay.size());
    assertEquals(10, ByteArrays.getLongLE(image.bytes, 0));
    assertEquals(13, ByteArrays.getLongLE(image.bytes, 8));
    assertEquals(11, overlay.readLE(PAGE, 8));
    assertEquals(14, overlay.readLE(3 * PAGE, 8));
  }

  @Test
  void sortedPagesListsTheHeldPagesAscending() {
    ArrayImage image = new ArrayImage(12, 6);
    PageOverlay overlay = over(image, 100);
    for (long page : new long[] {9, 1, 5, 11, 0}) {
      overlay.writeLE(page * PAGE, 1, page);
    }
    assertArrayEquals(new long[] {0, 1, 5, 9, 11}, overlay.sortedPages());
  }

  @Test
  void everyPageIsFoundAsTheTableGrowsAndNoneAfterAClear() {
    int pages = 2100; // the table grows past 4096 slots, so a clear replaces it
    ArrayImage image = new ArrayImage(pages, 7);
    PageOverlay overlay = over(image, pages);
    for (int round = 0; round < 2; round++) {
      for (long page = 0; page < pages; page++) {
        overlay.writeLE(page * PAGE + 8, 8, page * 31 + round);
      }
      assertEquals(pages, overlay.size());
      for (long page = 0; page < pages; page++) {
        byte[] held = overlay.find(page);
        assertNotNull(held, "page " + page);
        assertEquals(page * 31 + round, ByteArrays.getLongLE(held, 8));
        assertEquals(page * 31 + round, overlay.readLE(page * PAGE + 8, 8));
      }
      assertNull(overlay.find(pages));
      overlay.clear();
      assertTrue(overlay.isEmpty());
      for (long page = 0; page < pages; page++) {
        assertNull(overlay.find(page), "page " + page + " after the clear");
      }
    }
  }

  @Test
  void scatteredPagesWhoseSlotsCollideAreAllFoundAfterEveryRehash() {
    // Pages far apart, read from an image of any size (each page's bytes are its number), so
    // that the table's probes collide while it rehashes; consecutive pages would spread evenly.
    PageOverlay.Image image =
        new PageOverlay.Image() {
          @Override
          public void readImage(long offset, byte[] dst, int at, int n) {
            Arrays.fill(dst, at, at + n, (byte) (offset >>> PageOverlay.SHIFT));
          }

          @Override
          public void overflow() {
            throw new AssertionError("no spill below the bound");
          }
        };
    PageOverlay overlay = new PageOverlay(image, 1 << 20);
    TestRandom random = new TestRandom(10);
    long[] pages = new long[3000];
    for (int i = 0; i < pages.length; i++) {
      pages[i] = random.nextBelow(1L << 40);
      overlay.writeLE(pages[i] << PageOverlay.SHIFT, 8, i);
    }
    for (int i = 0; i < pages.length; i++) {
      byte[] held = overlay.find(pages[i]);
      assertNotNull(held, "page " + pages[i]);
      assertEquals(i, ByteArrays.getLongLE(held, 0), "page " + pages[i]);
      assertEquals((byte) pages[i], held[8]);
    }
  }

  @Test
  void aSmallTableIsReusedAfterAClear() {
    ArrayImage image = new ArrayImage(40, 8);
    PageOverlay overlay = over(image, 100);
    for (long page = 0; page < 40; page++) {
      overlay.writeLE(page * PAGE, 8, page + 1);
    }
    overlay.clear();
    assertEquals(0, overlay.size());
    for (long page = 0; page < 40; page++) {
      assertNull(overlay.find(page));
      assertEquals(le(image.bytes, page * PAGE, 8), overlay.readLE(page * PAGE, 8));
    }
    overlay.writeLE(7 * PAGE, 8, 99);
    assertArrayEquals(new long[] {7}, overlay.sortedPages());
    assertEquals(99, overlay.readLE(7 * PAGE, 8));
  }

  @Test
  void savingAndRestoringThroughAJournalCopiesLogicalBytes() {
    ArrayImage image = new ArrayImage(3, 9);
    PageOverlay overlay = over(image, 100);
    overlay.write(PAGE - 3, new byte[] {5, 6, 7, 8, 9, 10}, 0, 6); // pages 0 and 1 held
    HeapJournalStorage journal = new HeapJournalStorage();
    int n = 2 * PAGE;
    journal.ensureCapacity(n);
    overlay.saveTo(PAGE / 2, n, journal, 0); // held pages 0 and 1, then page 2 from the image
    byte[] logical = new byte[n];
    overlay.read(PAGE / 2, logical, 0, n);
    byte[] saved = new byte[n];
    journal.get(0, saved, 0, n);
    assertArrayEquals(logical, saved);

    overlay.zero(PAGE / 2, n);
    byte[] zeros = new byte[n];
    overlay.read(PAGE / 2, zeros, 0, n);
    assertArrayEquals(new byte[n], zeros);
    overlay.restoreFrom(PAGE / 2, n, journal, 0);
    byte[] restored = new byte[n];
    overlay.read(PAGE / 2, restored, 0, n);
    assertArrayEquals(logical, restored);
  }

  private static long le(byte[] bytes, long offset, int width) {
    long value = 0;
    for (int i = width - 1; i >= 0; i--) {
      value = value << 8 | (bytes[(int) offset + i] & 0xFF);
    }
    return value;
  }

  private static String at(long offset, int width) {
    return width + " bytes at " + offset;
  }
}
