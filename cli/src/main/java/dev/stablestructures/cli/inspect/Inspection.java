package dev.stablestructures.cli.inspect;

import dev.stablestructures.StableStructureException;
import dev.stablestructures.StructureMagic;
import dev.stablestructures.VerifyReport;
import dev.stablestructures.memory.Memory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report of {@code inspect} and {@code verify} as a tree of maps and lists, which {@link Json}
 * writes as is and {@link InspectText} as lines for a person: the image, the manager's layout, and
 * each structure with its header, its statistics and what its {@code verify()} found.
 */
final class Inspection {
  /** Findings shown per structure; the rest are counted. */
  static final int SHOWN_FINDINGS = 20;

  private Inspection() {}

  /** Verifies one structure: its report, or one finding for a structure that refused to open. */
  static VerifyReport verify(Scan.Found found) {
    if (found.structure == null) {
      return VerifyReport.builder(found.kind())
          .finding(0, "structure", "a structure that opens", found.error)
          .build();
    }
    try {
      return found.structure.verify();
    } catch (StableStructureException e) {
      return VerifyReport.builder(found.kind())
          .failed(found.kind(), 0, "walk", "a walk that completes", e)
          .build();
    }
  }

  /** The report of a manager that did not load: one finding, its load error. */
  static VerifyReport managerNotLoaded(Scan scan) {
    return VerifyReport.builder("MemoryManager")
        .finding(0, "header and bucket table", "a manager that loads", scan.managerError)
        .build();
  }

  /** The image part: file, size, whether it was unpacked. */
  static Map<String, Object> image(ImageFile file) {
    Map<String, Object> image = new LinkedHashMap<>();
    Memory memory = file.memory();
    image.put("file", file.source().toString());
    image.put("bytes", memory.sizeInBytes());
    image.put("pages", memory.size());
    image.put("gzip", file.unpacked());
    return image;
  }

  /** The manager part, or null for an image of one structure. */
  static Map<String, Object> manager(Scan scan) {
    if (!scan.isManaged()) {
      return null;
    }
    Map<String, Object> manager = new LinkedHashMap<>();
    for (Headers.Field field : Headers.of(StructureMagic.MEMORY_MANAGER, scan.root)) {
      manager.put(field.name(), field.value());
    }
    if (scan.manager == null) {
      manager.put("error", scan.managerError);
      manager.put("verify", report(managerNotLoaded(scan), "page 0"));
      return manager;
    }
    manager.put("memories in use", scan.regions.size());
    List<Object> memories = new ArrayList<>();
    for (Scan.Region region : scan.regions) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", region.id());
      m.put("pages", region.memory().size());
      m.put("buckets", region.buckets().length);
      m.put("bucket numbers", ranges(region.buckets()));
      memories.add(m);
    }
    manager.put("memories", memories);
    manager.put("verify", report(scan.manager.verify(), "the manager"));
    return manager;
  }

  /** One structure: where, kind, header, statistics and verify report. */
  static Map<String, Object> structure(Scan.Found found, VerifyReport report) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("where", found.where());
    s.put("kind", found.kind());
    if (found.magic != null) {
      s.put("magic", found.magic.magic());
      Map<String, Object> header = new LinkedHashMap<>();
      for (Headers.Field field : Headers.of(found.magic, found.region.memory())) {
        header.put(field.name(), field.value());
      }
      s.put("header", header);
    }
    if (found.error != null) {
      s.put("error", found.error);
    }
    if (found.structure != null) {
      s.put("statistics", statistics(found, report));
    }
    s.put("verify", report(report, found.where()));
    return s;
  }

  private static Map<String, Object> statistics(Scan.Found found, VerifyReport report) {
    Map<String, Object> stats = new LinkedHashMap<>();
    Map<String, Long> counts = report.counts();
    stats.put("entries", counts.getOrDefault(VerifyReport.ENTRIES, found.structure.length()));
    for (String name :
        new String[] {
          VerifyReport.DEPTH,
          VerifyReport.NODES,
          VerifyReport.OVERFLOW_PAGES,
          VerifyReport.FREE_CHUNKS
        }) {
      if (counts.containsKey(name)) {
        stats.put(name, counts.get(name));
      }
    }
    long capacity = found.region.memory().sizeInBytes();
    Long used = counts.get(VerifyReport.BYTES_USED);
    if (found.data != null) {
      capacity += found.data.memory().sizeInBytes();
      used = counts.getOrDefault("indexBytesUsed", 0L) + counts.getOrDefault("dataBytesUsed", 0L);
    }
    if (used != null) {
      stats.put(VerifyReport.BYTES_USED, used);
      stats.put("memoryBytes", capacity);
      stats.put("fill", capacity == 0 ? 0.0 : Math.round(1000.0 * used / capacity) / 10.0);
    }
    return stats;
  }

  /** A verify report: ok, the count, and the first findings with where they are. */
  static Map<String, Object> report(VerifyReport report, String where) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("ok", report.isOk());
    r.put("findings", report.findingCount());
    List<Object> shown = new ArrayList<>();
    for (VerifyReport.Finding f : report.findings()) {
      if (shown.size() == SHOWN_FINDINGS) {
        break;
      }
      Map<String, Object> finding = new LinkedHashMap<>();
      finding.put("memory", where);
      finding.put("structure", f.structure());
      finding.put("address", f.address());
      finding.put("field", f.field());
      finding.put("expected", f.expected());
      finding.put("found", f.found());
      shown.add(finding);
    }
    r.put("details", shown);
    return r;
  }

  /** Bucket numbers as ranges: "0-2, 9, 17-20". */
  static String ranges(int[] buckets) {
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < buckets.length) {
      int j = i;
      while (j + 1 < buckets.length && buckets[j + 1] == buckets[j] + 1) {
        j++;
      }
      if (text.length() > 0) {
        text.append(", ");
      }
      text.append(buckets[i]);
      if (j > i) {
        text.append('-').append(buckets[j]);
      }
      i = j + 1;
    }
    return text.toString();
  }
}
