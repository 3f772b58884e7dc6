package dev.hotlsp.bridge.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one {@code go build} of several targets printed, split by package: go prints a {@code #
 * importpath} header above the errors of each package it could not compile or link, and general
 * lines ({@code go: ...}) outside any section. Immutable.
 */
record BuildOutput(String general, List<Section> sections) {
  /** The lines under one {@code # importpath} header, header included. */
  record Section(String importPath, String text) {}

  BuildOutput {
    sections = List.copyOf(sections);
  }

  static BuildOutput parse(String text) {
    var general = new StringBuilder();
    var sections = new ArrayList<Section>();
    String current = null;
    var body = new StringBuilder();
    for (var line : text.split("(?<=\n)")) {
      if (line.startsWith("# ")) {
        if (current != null) {
          sections.add(new Section(current, body.toString()));
        }
        current = line.substring(2).strip().split("\\s+", 2)[0];
        body.setLength(0);
        body.append(line);
      } else if (current == null) {
        general.append(line);
      } else {
        body.append(line);
      }
    }
    if (current != null) {
      sections.add(new Section(current, body.toString()));
    }
    return new BuildOutput(general.toString(), sections);
  }

  /**
   * The output that concerns a target whose packages (itself and what it imports) are {@code
   * packages}: the general lines and the sections of those packages; everything if no section is
   * one of them (the graph may not know a new import yet).
   */
  String concerning(Set<String> packages) {
    var mine = sections.stream().filter(s -> packages.contains(s.importPath())).toList();
    if (mine.isEmpty()) {
      var all = new StringBuilder(general);
      sections.forEach(s -> all.append(s.text()));
      return all.toString();
    }
    var out = new StringBuilder(general);
    mine.forEach(s -> out.append(s.text()));
    return out.toString();
  }
}
