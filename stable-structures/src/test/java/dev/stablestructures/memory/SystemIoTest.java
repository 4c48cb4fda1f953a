package dev.stablestructures.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The syncs {@link FileIo.SystemIo} asks of the OS, seen through a channel that records them
 * ({@link ForceRecordingChannel}): an fsync that is not made leaves no other trace before a power
 * cut.
 */
class SystemIoTest {
  @TempDir Path dir;

  @Test
  void aFileSyncForcesItsChannelWithTheMetadataFlagItWasGiven() throws IOException {
    Path path = dir.resolve("synced.bin");
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
      ForceRecordingChannel channel = new ForceRecordingChannel(file.getChannel());
      IoFile io = FileIo.SystemIo.file(file, channel);
      io.setLength(8);
      ByteBuffer mapping = io.map(0, 8);
      mapping.put(0, (byte) 7);
      io.force(mapping);
      assertEquals(List.of(), channel.forces, "a mapping's force is an msync, not the channel's");
      io.sync(true);
      io.sync(false);
      assertEquals(List.of(true, false), channel.forces);
      assertEquals(8, io.length());
    }
    assertArrayEquals(new byte[] {7, 0, 0, 0, 0, 0, 0, 0}, Files.readAllBytes(path));
  }

  @Test
  void aDirectorySyncForcesTheDirectorysChannelWithItsMetadataAndClosesIt() throws IOException {
    List<ForceRecordingChannel> opened = new ArrayList<>();
    FileIo io =
        new FileIo.SystemIo(
            directory -> {
              ForceRecordingChannel channel =
                  new ForceRecordingChannel(FileChannel.open(directory, StandardOpenOption.READ));
              opened.add(channel);
              return channel;
            });
    io.syncDirectory(dir);
    assertEquals(1, opened.size());
    assertEquals(List.of(true), opened.get(0).forces);
    assertFalse(opened.get(0).isOpen(), "the directory's channel was closed");
  }
}
