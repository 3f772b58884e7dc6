package dev.hotlsp.proxy.crash;

import com.google.gson.JsonArray;
import dev.hotlsp.bridge.crash.Finding;
import dev.hotlsp.bridge.graph.ImportGraph;
import dev.hotlsp.proxy.diagnostics.FileUri;
import dev.hotlsp.proxy.log.Log;
import dev.hotlsp.proxy.route.DiagnosticsPublisher;
import dev.hotlsp.proxy.run.RunEvents;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The session's crash diagnostics: findings of the programs HotLSP runs, published as the
 * {@value FindingDiagnostic#SOURCE} source of the per-file union (beside gopls's and go build's,
 * never over them), kept per run target ({@link CrashLedger}), and taken away from a file when it
 * changes. Thread-safe: runs end on their folders' threads, edits arrive on the editor's.
 */
public final class CrashDiagnostics implements CrashWatchingEvents.Sink {
  private final DiagnosticsPublisher publisher;
  private final Log log;
  private final OptionalLong memoryLimit;
  private final CrashLedger ledger = new CrashLedger();

  /** @param memoryLimit the runs' memory limit, named by the finding of a memory-limit kill */
  public CrashDiagnostics(DiagnosticsPublisher publisher, Log log, OptionalLong memoryLimit) {
    this.publisher = publisher;
    this.log = log;
    this.memoryLimit = memoryLimit;
  }

  /** {@code events} for the runs of {@code folder}, whose stderr is also read for crashes. */
  public RunEvents watching(RunEvents events, Path folder, Supplier<ImportGraph> graph) {
    return new CrashWatchingEvents(events, new CrashPlaces(folder, graph, memoryLimit), this, log);
  }

  @Override
  public synchronized long mark() {
    return ledger.mark();
  }

  @Override
  public synchronized void record(String target, String runId, long since, List<Finding> findings, boolean ended) {
    send(ledger.record(target, runId, since, FindingDiagnostic.byUri(findings)));
  }

  /** The editor changed, saved or reported a change of {@code uri}: its crash diagnostics go. */
  public synchronized void fileChanged(String uri) {
    canonical(uri).ifPresent(u -> send(ledger.fileChanged(u)));
  }

  /** A Go file changed on disk. */
  public synchronized void fileChanged(Path file) {
    send(ledger.fileChanged(FileUri.of(real(file))));
  }

  private void send(Map<String, JsonArray> changed) {
    changed.forEach((uri, list) -> publisher.publish(FindingDiagnostic.SOURCE, uri, list));
  }

  /** The URI as HotLSP spells a file's (real path, gopls's escaping); empty for what is not a file. */
  private static java.util.Optional<String> canonical(String uri) {
    try {
      var u = URI.create(uri);
      return "file".equals(u.getScheme()) ? java.util.Optional.of(FileUri.of(real(Path.of(u))))
          : java.util.Optional.empty();
    } catch (RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  private static Path real(Path file) {
    try {
      return Files.exists(file) ? file.toRealPath() : file.toAbsolutePath().normalize();
    } catch (java.io.IOException e) {
      return file.toAbsolutePath().normalize();
    }
  }
}
