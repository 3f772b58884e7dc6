package dev.hotlsp.bridge.build;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;

/**
 * The file name {@code go build -o DIR/} gives a main package's binary, and which targets can
 * share one such invocation. go names the binary after the import path's last element, or the
 * one before it when that is a major-version suffix ({@code example.com/cmd/v2} → {@code cmd}); two
 * targets with the same name in one invocation silently give one file, so they must go to
 * different invocations. Stateless.
 */
final class ExecutableNames {
  private ExecutableNames() {}

  /** go's binary name of the main package {@code importPath} (module mode, no {@code .exe}). */
  static String of(String importPath) {
    int slash = importPath.lastIndexOf('/');
    var last = importPath.substring(slash + 1);
    if (slash > 0 && isMajorVersion(last)) {
      var dir = importPath.substring(0, slash);
      return dir.substring(dir.lastIndexOf('/') + 1);
    }
    return last;
  }

  /**
   * The first of {@code targets} (in iteration order) and each following one whose binary name is
   * not yet taken: targets that one {@code go build -o DIR/} can build together.
   */
  static List<String> firstGroup(Collection<String> targets) {
    var names = new HashSet<String>();
    var group = new ArrayList<String>();
    for (var target : targets) {
      if (names.add(of(target))) {
        group.add(target);
      }
    }
    return group;
  }

  /** {@code v2}, {@code v10}…: go's major-version path element (not v0, v1 or a leading zero). */
  private static boolean isMajorVersion(String element) {
    if (element.length() < 2 || element.charAt(0) != 'v' || element.charAt(1) == '0') {
      return false;
    }
    if (element.equals("v1")) {
      return false;
    }
    return element.substring(1).chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
