package dev.stablestructures.examples.assets;

import dev.stablestructures.memory.Memory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Version 1's "old way" of keeping the users across an upgrade, as the seed's {@code
 * stable_save((users,))}: {@code preUpgrade} writes the whole set into a memory of its own and
 * {@code postUpgrade} reads it back, so both cost time in proportion to the number of users. All
 * numbers little-endian:
 *
 * <pre>
 * +--------+------+----------------------------------------------+
 * | offset | size | field                                        |
 * +--------+------+----------------------------------------------+
 * |      0 |    4 | count of users; 0 (or an empty memory): none |
 * |      4 |    2 | length n of the first principal's text       |
 * |      6 |    n | the principal's text, UTF-8                  |
 * |    ... |      | the next users, each as the first            |
 * +--------+------+----------------------------------------------+
 * </pre>
 */
final class SavedUsers {
  private static final long PAGE = 65_536;

  private SavedUsers() {}

  /**
   * Writes the users, growing the memory as needed.
   *
   * @param memory the save's memory
   * @param users the principals' texts
   */
  static void write(Memory memory, Collection<String> users) {
    int bytes = 4;
    List<byte[]> encoded = new ArrayList<>(users.size());
    for (String user : users) {
      byte[] text = user.getBytes(StandardCharsets.UTF_8);
      encoded.add(text);
      bytes += 2 + text.length;
    }
    long pages = (bytes + PAGE - 1) / PAGE;
    if (memory.size() < pages && memory.grow(pages - memory.size()) < 0) {
      throw new IllegalStateException("stable memory is full: cannot save " + bytes + " bytes");
    }
    byte[] out = new byte[bytes];
    putInt(out, 0, users.size());
    int at = 4;
    for (byte[] text : encoded) {
      out[at] = (byte) text.length;
      out[at + 1] = (byte) (text.length >>> 8);
      System.arraycopy(text, 0, out, at + 2, text.length);
      at += 2 + text.length;
    }
    memory.write(0, out, 0, out.length);
  }

  /**
   * Reads the users saved by {@link #write}.
   *
   * @param memory the save's memory
   * @return the principals' texts; empty if nothing was saved
   */
  static List<String> read(Memory memory) {
    List<String> users = new ArrayList<>();
    if (memory.size() == 0) {
      return users;
    }
    byte[] head = new byte[4];
    memory.read(0, head, 0, 4);
    int count = (head[0] & 0xFF) | (head[1] & 0xFF) << 8 | (head[2] & 0xFF) << 16 | head[3] << 24;
    long at = 4;
    byte[] len = new byte[2];
    for (int i = 0; i < count; i++) {
      memory.read(at, len, 0, 2);
      int n = (len[0] & 0xFF) | (len[1] & 0xFF) << 8;
      byte[] text = new byte[n];
      memory.read(at + 2, text, 0, n);
      users.add(new String(text, StandardCharsets.UTF_8));
      at += 2 + n;
    }
    return users;
  }

  /**
   * Marks the save empty (count 0), once its users have moved elsewhere.
   *
   * @param memory the save's memory
   */
  static void clear(Memory memory) {
    if (memory.size() > 0) {
      memory.write(0, new byte[4], 0, 4);
    }
  }

  private static void putInt(byte[] out, int at, int value) {
    for (int i = 0; i < 4; i++) {
      out[at + i] = (byte) (value >>> (8 * i));
    }
  }
}
