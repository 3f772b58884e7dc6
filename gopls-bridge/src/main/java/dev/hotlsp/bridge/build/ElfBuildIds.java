package dev.hotlsp.bridge.build;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where an ELF file keeps its build IDs: the descriptors of its {@code .note.go.buildid} (owner
 * {@code Go}, type 4: the string {@code go tool buildid} prints) and {@code .note.gnu.build-id}
 * (owner {@code GNU}, type 3) notes, read from the section headers. Both change with a comment-only
 * edit of a main package (the action ID hashes the sources) while every other byte stays the same.
 *
 * @param ranges the byte ranges {@code [offset, offset + length)} of the ID descriptors, in file order
 * @param goBuildId the Go build ID string, empty if the file has none
 */
record ElfBuildIds(List<Range> ranges, String goBuildId) {
  private static final int SHT_NOTE = 7;
  private static final int NT_GNU_BUILD_ID = 3;
  private static final int NT_GO_BUILD_ID = 4;
  private static final int MAX_SECTIONS = 65_280;
  private static final int MAX_NOTE_SECTION = 1 << 16;

  /** A byte range of the file. */
  record Range(long offset, int length) {}

  ElfBuildIds {
    ranges = List.copyOf(ranges);
  }

  /**
   * The build IDs of {@code file}, or empty when it is not an ELF file this parser reads (not ELF,
   * truncated, extended section numbering, a note that does not fit its section).
   */
  static Optional<ElfBuildIds> read(FileChannel file) throws IOException {
    var header = readAt(file, 0, 64);
    if (header.remaining() < 52
        || header.getInt(0) != 0x7f454c46 // \x7fELF, read big-endian
        || (header.get(4) != 1 && header.get(4) != 2)
        || (header.get(5) != 1 && header.get(5) != 2)) {
      return Optional.empty();
    }
    boolean wide = header.get(4) == 2;
    header.order(header.get(5) == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    if (wide && header.remaining() < 64) {
      return Optional.empty();
    }
    long sectionTable = wide ? header.getLong(0x28) : Integer.toUnsignedLong(header.getInt(0x20));
    int entrySize = Short.toUnsignedInt(header.getShort(wide ? 0x3A : 0x2E));
    int count = Short.toUnsignedInt(header.getShort(wide ? 0x3C : 0x30));
    int needed = wide ? 64 : 40;
    if (count == 0 || count > MAX_SECTIONS || entrySize < needed || sectionTable <= 0) {
      return Optional.empty();
    }
    var table = readAt(file, sectionTable, count * entrySize);
    if (table.remaining() < count * entrySize) {
      return Optional.empty();
    }
    table.order(header.order());
    var ranges = new ArrayList<Range>();
    String goId = "";
    for (int i = 0; i < count; i++) {
      int at = i * entrySize;
      if (table.getInt(at + 4) != SHT_NOTE) {
        continue;
      }
      long offset = wide ? table.getLong(at + 0x18) : Integer.toUnsignedLong(table.getInt(at + 0x10));
      long size = wide ? table.getLong(at + 0x20) : Integer.toUnsignedLong(table.getInt(at + 0x14));
      long align = wide ? table.getLong(at + 0x30) : Integer.toUnsignedLong(table.getInt(at + 0x20));
      if (size <= 0 || size > MAX_NOTE_SECTION || offset < 0 || offset + size > file.size()) {
        return Optional.empty();
      }
      var notes = readAt(file, offset, (int) size).order(header.order());
      var found = notes(notes, offset, align == 8 ? 8 : 4, ranges);
      if (found == null) {
        return Optional.empty();
      }
      if (!found.isEmpty()) {
        goId = found;
      }
    }
    return Optional.of(new ElfBuildIds(ranges, goId));
  }

  /**
   * Adds the build-ID descriptors among the notes of one section to {@code ranges}; returns the Go
   * build ID found there ("" if none), or null if a note overruns the section.
   */
  private static String notes(ByteBuffer notes, long base, int align, List<Range> ranges) {
    String goId = "";
    int at = 0;
    int size = notes.remaining();
    while (size - at >= 12) {
      long nameSize = Integer.toUnsignedLong(notes.getInt(at));
      long descSize = Integer.toUnsignedLong(notes.getInt(at + 4));
      int type = notes.getInt(at + 8);
      long name = at + 12L;
      long desc = name + pad(nameSize, align);
      long next = desc + pad(descSize, align);
      if (desc + descSize > size) {
        return null;
      }
      var owner = owner(notes, (int) name, (int) nameSize);
      boolean go = owner.equals("Go") && type == NT_GO_BUILD_ID;
      if ((go || (owner.equals("GNU") && type == NT_GNU_BUILD_ID)) && descSize > 0) {
        ranges.add(new Range(base + desc, (int) descSize));
        if (go) {
          var bytes = new byte[(int) descSize];
          notes.get((int) desc, bytes);
          goId = new String(bytes, StandardCharsets.ISO_8859_1);
        }
      }
      at = (int) Math.min(next, size);
    }
    return goId;
  }

  private static String owner(ByteBuffer notes, int at, int size) {
    var bytes = new byte[size];
    notes.get(at, bytes);
    int end = 0;
    while (end < size && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
  }

  private static long pad(long size, int align) {
    return (size + align - 1) / align * align;
  }

  private static ByteBuffer readAt(FileChannel file, long offset, int length) throws IOException {
    var buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (file.read(buffer, offset + buffer.position()) < 0) {
        break;
      }
    }
    return buffer.flip();
  }
}
