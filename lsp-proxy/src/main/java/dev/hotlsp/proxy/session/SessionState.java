package dev.hotlsp.proxy.session;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the editor has told the language server so far, enough to bring a fresh gopls to the same
 * state after a crash; thread-safe. Params are stored as private copies of the raw JSON.
 */
public final class SessionState {
  private final DocumentStore documents;
  private JsonObject initializeParams;
  private List<JsonObject> initialFolders = List.of();
  private List<JsonObject> folders = List.of();
  private JsonObject initializedParams;
  private JsonObject configuration;

  public SessionState(DocumentStore documents) {
    this.documents = Objects.requireNonNull(documents, "documents");
  }

  /** The open documents; the router feeds {@code textDocument/did*} params to it directly. */
  public DocumentStore documents() {
    return documents;
  }

  /** The workspace folders {@code initialize} params name ({@code workspaceFolders}, else {@code rootUri}). */
  public static List<JsonObject> foldersOf(JsonObject initializeParams) throws MalformedParamsException {
    return WorkspaceFolders.fromInitialize(initializeParams);
  }

  /** Records the {@code initialize} request's params; a second call replaces the first. */
  public synchronized void initialize(JsonObject params) throws MalformedParamsException {
    List<JsonObject> fromParams = WorkspaceFolders.fromInitialize(params);
    initializeParams = params.deepCopy();
    initialFolders = fromParams;
    folders = fromParams;
  }

  /** Records the {@code initialized} notification; {@code params} may be null (then {@code {}}). */
  public synchronized void initialized(JsonObject params) {
    initializedParams = params == null ? new JsonObject() : params.deepCopy();
  }

  /** Records a {@code workspace/didChangeConfiguration} notification; only the latest is kept. */
  public synchronized void didChangeConfiguration(JsonObject params) {
    configuration = params.deepCopy();
  }

  /** Applies a {@code workspace/didChangeWorkspaceFolders} notification to the folder list. */
  public synchronized void didChangeWorkspaceFolders(JsonObject params)
      throws MalformedParamsException {
    folders = WorkspaceFolders.apply(folders, params);
  }

  /** The methods whose messages change the session (and are replayed to a new gopls). */
  public static final java.util.Set<String> METHODS = java.util.Set.of(
      "initialize", "initialized", "workspace/didChangeConfiguration", "workspace/didChangeWorkspaceFolders",
      "textDocument/didOpen", "textDocument/didChange", "textDocument/didClose");

  /** Applies a message of one of {@link #METHODS}. */
  public void apply(String method, JsonObject params) throws MalformedParamsException {
    switch (method) {
      case "initialize" -> initialize(params);
      case "initialized" -> initialized(params);
      case "workspace/didChangeConfiguration" -> didChangeConfiguration(params);
      case "workspace/didChangeWorkspaceFolders" -> didChangeWorkspaceFolders(params);
      case "textDocument/didOpen" -> documents.didOpen(params);
      case "textDocument/didChange" -> documents.didChange(params);
      case "textDocument/didClose" -> documents.didClose(params);
      default -> throw new IllegalArgumentException("not a session method: " + method);
    }
  }

  /** The editor's {@code initialize} params (a copy), once it sent them. */
  public synchronized java.util.Optional<JsonObject> initializeParams() {
    return java.util.Optional.ofNullable(initializeParams).map(JsonObject::deepCopy);
  }

  /** The current workspace folders, as {@code {uri, name}} objects (copies). */
  public synchronized List<JsonObject> workspaceFolders() {
    return folders.stream().map(JsonObject::deepCopy).toList();
  }

  /**
   * The messages that rebuild this session in a fresh gopls, in order: the {@code initialize}
   * request (its {@code workspaceFolders} set to the current folders if they changed), then, once
   * the editor has sent {@code initialized}: {@code initialized}, the latest {@code
   * workspace/didChangeConfiguration} if any, and a {@code textDocument/didOpen} per open document
   * with its current text and version, in open order. Empty before {@code initialize}.
   */
  public synchronized List<Replay> replayPlan() {
    if (initializeParams == null) {
      return List.of();
    }
    List<Replay> plan = new ArrayList<>();
    plan.add(new Replay.Request("initialize", currentInitializeParams()));
    if (initializedParams == null) {
      return List.copyOf(plan);
    }
    plan.add(new Replay.Notification("initialized", initializedParams));
    if (configuration != null) {
      plan.add(new Replay.Notification("workspace/didChangeConfiguration", configuration));
    }
    for (OpenDocument doc : documents.snapshot()) {
      plan.add(new Replay.Notification("textDocument/didOpen", doc.toDidOpenParams()));
    }
    return List.copyOf(plan);
  }

  private JsonObject currentInitializeParams() {
    JsonObject params = initializeParams.deepCopy();
    if (folders.equals(initialFolders)) {
      return params;
    }
    params.add("workspaceFolders", WorkspaceFolders.toJson(folders));
    if (folders.isEmpty()) {
      params.add("rootUri", JsonNull.INSTANCE);
      if (params.has("rootPath")) {
        params.add("rootPath", JsonNull.INSTANCE);
      }
    }
    return params;
  }
}
