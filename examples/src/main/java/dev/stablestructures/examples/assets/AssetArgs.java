package dev.stablestructures.examples.assets;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The argument of {@code store}: the path in UTF-8, one space, then the content's bytes as they are
 * (so {@code canister call assets store "index.html <h1>hi</h1>"} works from a shell).
 *
 * <pre>
 * +---------------+------+-------------------------+
 * | path (UTF-8)  | 0x20 | content (any bytes)     |
 * +---------------+------+-------------------------+
 * </pre>
 */
final class AssetArgs {
  final String path;
  final byte[] content;

  private AssetArgs(String path, byte[] content) {
    this.path = path;
    this.content = content;
  }

  /**
   * Splits a {@code store} argument at its first space.
   *
   * @param arg the argument bytes
   * @return the path and the content
   * @throws IllegalArgumentException (a trap) if there is no space or the path is empty
   */
  static AssetArgs parse(byte[] arg) {
    int space = -1;
    for (int i = 0; i < arg.length; i++) {
      if (arg[i] == ' ') {
        space = i;
        break;
      }
    }
    if (space <= 0) {
      throw new IllegalArgumentException(
          "store expects 'PATH CONTENT' (a path, one space, the content); found no path");
    }
    return new AssetArgs(
        new String(arg, 0, space, StandardCharsets.UTF_8),
        Arrays.copyOfRange(arg, space + 1, arg.length));
  }

  /**
   * Builds a {@code store} argument.
   *
   * @param path the asset's path, without spaces
   * @param content its bytes
   * @return the argument bytes
   */
  static byte[] of(String path, byte[] content) {
    byte[] p = path.getBytes(StandardCharsets.UTF_8);
    byte[] arg = Arrays.copyOf(p, p.length + 1 + content.length);
    arg[p.length] = ' ';
    System.arraycopy(content, 0, arg, p.length + 1, content.length);
    return arg;
  }
}
