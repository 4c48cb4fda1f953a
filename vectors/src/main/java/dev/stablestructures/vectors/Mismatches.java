package dev.stablestructures.vectors;

import dev.stablestructures.StableStructureException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Helpers that turn a comparison of stored content with a model into sentences for {@link
 * VectorScript#check}, so every script words its findings the same way.
 */
public final class Mismatches {
  private Mismatches() {}

  /**
   * Compares a stored sequence with the model's, element by element.
   *
   * @param what what is compared, for the sentences (e.g. {@code "vec-u64 element"})
   * @param expected the model's elements
   * @param actualLength the stored length
   * @param actual reads stored element {@code i}
   * @param same whether two elements are equal
   * @param show renders an element for a person
   * @param <E> the element type
   * @return the differences: the length, the first mismatching index and the number of mismatches
   */
  public static <E> List<String> compareSequences(
      String what,
      List<E> expected,
      long actualLength,
      Function<Long, E> actual,
      BiPredicate<E, E> same,
      Function<E, String> show) {
    List<String> differences = new ArrayList<>();
    if (actualLength != expected.size()) {
      differences.add(what + " count is " + actualLength + ", expected " + expected.size() + ".");
    }
    long common = Math.min(actualLength, expected.size());
    long mismatches = 0;
    for (long i = 0; i < common; i++) {
      E stored;
      try {
        stored = actual.apply(i);
      } catch (StableStructureException e) {
        differences.add("cannot read " + what + " " + i + ": " + e.getMessage());
        return differences;
      }
      E wanted = expected.get((int) i);
      if (!same.test(stored, wanted)) {
        if (mismatches == 0) {
          differences.add(
              "first mismatch at "
                  + what
                  + " "
                  + i
                  + ": found "
                  + show.apply(stored)
                  + ", expected "
                  + show.apply(wanted)
                  + ".");
        }
        mismatches++;
      }
    }
    if (mismatches > 1) {
      differences.add(mismatches + " of " + common + " " + what + "s differ in all.");
    }
    return differences;
  }

  /**
   * Shortens a rendering so that sentences stay readable.
   *
   * @param text the full rendering
   * @param max the most characters kept
   * @return the text, or its start followed by the total length
   */
  public static String abbreviate(String text, int max) {
    return text.length() <= max
        ? text
        : text.substring(0, max) + "... (" + text.length() + " chars)";
  }

  /**
   * Renders bytes as hex, abbreviated.
   *
   * @param bytes the bytes
   * @return e.g. {@code "[3 bytes 0a0b0c]"}
   */
  public static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder("[" + bytes.length + " bytes ");
    for (int i = 0; i < Math.min(bytes.length, 16); i++) {
      out.append(String.format("%02x", bytes[i] & 0xFF));
    }
    if (bytes.length > 16) {
      out.append("...");
    }
    return out.append(']').toString();
  }
}
