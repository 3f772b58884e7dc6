package dev.hotlsp.bridge.crash;

import java.util.Objects;

/**
 * One frame of a Go stack as the runtime prints it: {@code function} with its package path
 * ({@code example.com/m/pkg.(*T).Method}, generics as {@code F[...]}), the text between its
 * parentheses ({@code "..."} for an inlined frame), and the {@code file} and 1-based {@code line}
 * exactly as printed (absolute, or module-relative in a {@code -trimpath} build). {@code offset} is
 * the {@code +0x} offset, or -1 when the frame has none (inlined frames).
 */
public record StackFrame(String function, String arguments, String file, int line, long offset) {
  /** The function of a frame whose report named only its file and line (gin without the source). */
  public static final String UNKNOWN_FUNCTION = "?";

  public StackFrame {
    Objects.requireNonNull(arguments, "arguments");
    if (function == null || function.isBlank()) {
      throw new IllegalArgumentException("frame without a function");
    }
    if (file == null || file.isBlank()) {
      throw new IllegalArgumentException("frame without a file: " + function);
    }
    if (line < 0) {
      throw new IllegalArgumentException("negative line: " + line);
    }
    if (offset < -1) {
      throw new IllegalArgumentException("bad offset: " + offset);
    }
  }

  /** Whether the compiler inlined this frame (Go prints {@code (...)} and no offset). */
  public boolean inlined() {
    return offset == -1 && arguments.equals("...");
  }

  /**
   * Whether this is the runtime's panic frame: {@code panic(…)} ({@code runtime.gopanic}), or a
   * frame of {@code runtime/panic.go} (the runtime's own panics, e.g. {@code runtime.panicmem}), as
   * in stacks printed by a recoverer.
   */
  public boolean panicking() {
    return function.equals("panic") || function.equals("runtime.gopanic")
        || file.endsWith("/runtime/panic.go") || file.equals("runtime/panic.go");
  }

  /**
   * The import path of the function's package: {@code main} for {@code main.main.func1},
   * {@code example.com/m/pkg} for {@code example.com/m/pkg.(*T).M}; Go writes a dot in the last
   * element of the path as {@code %2e} ({@code gopkg.in/yaml%2ev3.Unmarshal}), which is undone.
   */
  public String packagePath() {
    return packageOf(function);
  }

  static String packageOf(String function) {
    int slash = function.lastIndexOf('/', firstBracket(function));
    int dot = function.indexOf('.', slash + 1);
    String pkg = dot < 0 ? function : function.substring(0, dot);
    return pkg.contains("%") ? pkg.replace("%2e", ".").replace("%2E", ".") : pkg;
  }

  private static int firstBracket(String function) {
    int bracket = function.indexOf('[');
    return bracket < 0 ? function.length() - 1 : bracket;
  }
}
