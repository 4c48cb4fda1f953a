package dev.stablestructures.cli.inspect;

import dev.stablestructures.codec.Codec;
import java.nio.file.Path;

/**
 * An image and, for a Log split over two images, its data image, opened read-only and scanned;
 * closing releases both (and deletes any unpacked temporary copy).
 */
final class Opened implements AutoCloseable {
  final ImageFile image;
  final ImageFile logData;
  final ReadCounter counter;
  final Scan scan;

  private Opened(ImageFile image, ImageFile logData, ReadCounter counter, Scan scan) {
    this.image = image;
    this.logData = logData;
    this.counter = counter;
    this.scan = scan;
  }

  /** Opens and scans; every read goes through one counter (verify's progress). */
  static Opened open(Path path, ImageOptions options) {
    return open(path, NamedCodecs.byName(options.key), options.logData);
  }

  /** Opens and scans with keys in {@code order} (null: probed, unsigned bytes). */
  static Opened open(Path path, Codec<?> order, Path logData) {
    ImageFile image = ImageFile.open(path);
    ImageFile data = null;
    try {
      data = logData == null ? null : ImageFile.open(logData);
      ReadCounter counter = new ReadCounter(image.memory());
      Scan scan = Scan.of(counter, order, data == null ? null : data.memory());
      return new Opened(image, data, counter, scan);
    } catch (RuntimeException e) {
      image.close();
      if (data != null) {
        data.close();
      }
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      image.close();
    } finally {
      if (logData != null) {
        logData.close();
      }
    }
  }
}
