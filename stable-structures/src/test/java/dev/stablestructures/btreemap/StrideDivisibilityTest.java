package dev.stablestructures.btreemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StrideDivisibilityTest {
  @Test
  void agreesWithTheRemainderForManyDivisorsAndNumbers() {
    SplittableRandom random = new SplittableRandom(7);
    long[] divisors = {1, 2, 3, 7, 64, 370, 375, 1024, 1035, 65_536, 65_539, (1L << 40) + 12};
    for (long divisor : divisors) {
      StrideDivisibility test = new StrideDivisibility(divisor);
      for (int i = 0; i < 20_000; i++) {
        long multiple = divisor * random.nextLong(1L << 20);
        for (long n : new long[] {multiple, multiple + 1, multiple - 1, random.nextLong()}) {
          assertEquals(
              Long.remainderUnsigned(n, divisor) == 0,
              test.isMultiple(n),
              () -> n + " against " + divisor);
        }
      }
      assertEquals(true, test.isMultiple(0));
      assertEquals(Long.remainderUnsigned(-1L, divisor) == 0, test.isMultiple(-1L));
    }
    for (int divisor = 1; divisor < 2000; divisor++) {
      StrideDivisibility test = new StrideDivisibility(divisor);
      for (long n = 0; n < 5000; n++) {
        assertEquals(n % divisor == 0, test.isMultiple(n));
      }
    }
  }

  @Test
  void refusesANonPositiveDivisor() {
    assertThrows(IllegalArgumentException.class, () -> new StrideDivisibility(0));
    assertThrows(IllegalArgumentException.class, () -> new StrideDivisibility(-3));
  }
}
