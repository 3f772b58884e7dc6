package dev.hotlsp.proxy.workspace;

import java.time.Duration;
import java.util.List;

/**
 * How HotLSP watches and builds the editor's workspace.
 *
 * @param watch watch the folders at all (and tell gopls about changes made outside the editor)
 * @param build rebuild the affected run targets on changes
 * @param targets run targets (import paths); empty means every main package; a start target is
 *     always one
 * @param excludeGlobs extra paths not to watch (glob syntax, relative to a folder)
 * @param debounce the quiet time that ends a batch of changes
 * @param staleReasons ask go list why each target is stale, for hotlsp/buildEnded's reason (off by
 *     default: beside the build on two cores it costs ~50 ms of save-to-binary time)
 * @param startTargets the run targets built when a folder opens (import paths; the runner adds
 *     the targets it runs); every other target is first built by the first change that affects it
 * @param startAll build every run target when a folder opens ({@code --build-all-on-open})
 * @param buildFlags the user's go build flags ({@code --build-flag}), after HotLSP's defaults
 */
public record WorkspaceSettings(
    boolean watch, boolean build, List<String> targets, List<String> excludeGlobs, Duration debounce,
    boolean staleReasons, List<String> startTargets, boolean startAll, List<String> buildFlags) {
  public WorkspaceSettings {
    buildFlags = List.copyOf(buildFlags);
    startTargets = List.copyOf(startTargets);
    if (!targets.isEmpty()) {
      var withStart = new java.util.ArrayList<>(targets);
      startTargets.stream().filter(t -> !withStart.contains(t)).forEach(withStart::add);
      targets = withStart;
    }
    targets = List.copyOf(targets);
    excludeGlobs = List.copyOf(excludeGlobs);
    if (debounce.isNegative()) {
      throw new IllegalArgumentException("negative debounce");
    }
  }

  public static WorkspaceSettings off() {
    return new WorkspaceSettings(false, false, List.of(), List.of(), Duration.ofMillis(50), false, List.of(), false, List.of());
  }
}
