package dev.hotlsp.proxy.harness;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.Objects;

/**
 * How the fake editor presents itself: its {@code clientInfo}, whether it supports work-done
 * progress and dynamic registration of file watchers, the gopls settings it sends, how long it
 * waits for anything, and the button it clicks in a {@code window/showMessageRequest} that offers
 * it ("": none, the answer is null).
 */
public record EditorConfig(
    String clientName,
    String clientVersion,
    boolean workDoneProgress,
    boolean watchedFilesRegistration,
    JsonObject settings,
    Duration timeout,
    String messageButton) {
  public EditorConfig {
    Objects.requireNonNull(clientName, "clientName");
    Objects.requireNonNull(clientVersion, "clientVersion");
    Objects.requireNonNull(messageButton, "messageButton");
    settings = settings.deepCopy();
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout " + timeout);
    }
  }

  /** A capable editor: progress and watcher registration on, no settings, 90 s waits (a loaded 2-core machine). */
  public static EditorConfig defaults() {
    return new EditorConfig("hotlsp-fake-editor", "0.1.0", true, true, new JsonObject(), Duration.ofSeconds(90), "");
  }

  public EditorConfig withWatchedFilesRegistration(boolean on) {
    return new EditorConfig(clientName, clientVersion, workDoneProgress, on, settings, timeout, messageButton);
  }

  public EditorConfig withWorkDoneProgress(boolean on) {
    return new EditorConfig(clientName, clientVersion, on, watchedFilesRegistration, settings, timeout, messageButton);
  }

  public EditorConfig withClientName(String name) {
    return new EditorConfig(name, clientVersion, workDoneProgress, watchedFilesRegistration, settings, timeout, messageButton);
  }

  /** Clicks {@code title} when a {@code window/showMessageRequest} offers it. */
  public EditorConfig withMessageButton(String title) {
    return new EditorConfig(clientName, clientVersion, workDoneProgress, watchedFilesRegistration, settings, timeout, title);
  }

  @Override
  public JsonObject settings() {
    return settings.deepCopy();
  }
}
