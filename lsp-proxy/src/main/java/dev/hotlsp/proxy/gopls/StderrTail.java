package dev.hotlsp.proxy.gopls;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last lines a process wrote to stderr, for crash reports. Thread-safe. */
final class StderrTail {
  private final int capacity;
  private final Deque<String> lines = new ArrayDeque<>();

  StderrTail(int capacity) {
    this.capacity = capacity;
  }

  synchronized void add(String line) {
    if (lines.size() == capacity) {
      lines.removeFirst();
    }
    lines.addLast(line);
  }

  synchronized List<String> lines() {
    return List.copyOf(lines);
  }
}
