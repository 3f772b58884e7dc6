package dev.hotlsp.proxy.session;

import static dev.hotlsp.proxy.session.LspParams.didChange;
import static dev.hotlsp.proxy.session.LspParams.didClose;
import static dev.hotlsp.proxy.session.LspParams.didOpen;
import static dev.hotlsp.proxy.session.LspParams.edit;
import static dev.hotlsp.proxy.session.LspParams.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionStateTest {
  private final SessionState session = new SessionState(new DocumentStore());

  private static final String INIT =
      """
      {'processId':42, 'clientInfo':{'name':'Neovim', 'version':'0.7.2'},
       'rootUri':'file:///w/a', 'capabilities':{'workspace':{'workspaceFolders':true}},
       'initializationOptions':null, 'workspaceFolders':[{'uri':'file:///w/a', 'name':'a'}]}
      """;

  private static JsonObject foldersChange(String added, String removed) {
    return json("{'event':{'added':" + added + ",'removed':" + removed + "}}");
  }

  @Test
  void replaysNothingBeforeInitialize() {
    assertEquals(List.of(), session.replayPlan());
  }

  @Test
  void replaysOnlyInitializeBeforeInitialized() throws Exception {
    session.initialize(json(INIT));
    assertEquals(List.of(new Replay.Request("initialize", json(INIT))), session.replayPlan());
  }

  @Test
  void replaysTheWholeSessionInOrder() throws Exception {
    session.initialize(json(INIT));
    session.initialized(json("{}"));
    session.didChangeConfiguration(json("{'settings':{'gopls':{'staticcheck':false}}}"));
    session.didChangeConfiguration(json("{'settings':{'gopls':{'staticcheck':true}}}"));
    DocumentStore docs = session.documents();
    docs.didOpen(didOpen("file:///w/a/main.go", "go", 1, "package main\n"));
    docs.didOpen(didOpen("file:///w/a/go.mod", "go.mod", 4, "module a\n"));
    docs.didOpen(didOpen("file:///w/a/gone.go", "go", 1, "package main\n"));
    docs.didChange(didChange("file:///w/a/main.go", 7, edit(1, 0, 1, 0, "func main() {}\n")));
    docs.didClose(didClose("file:///w/a/gone.go"));

    assertEquals(
        List.of(
            new Replay.Request("initialize", json(INIT)),
            new Replay.Notification("initialized", json("{}")),
            new Replay.Notification(
                "workspace/didChangeConfiguration",
                json("{'settings':{'gopls':{'staticcheck':true}}}")),
            new Replay.Notification(
                "textDocument/didOpen",
                didOpen("file:///w/a/main.go", "go", 7, "package main\nfunc main() {}\n")),
            new Replay.Notification(
                "textDocument/didOpen", didOpen("file:///w/a/go.mod", "go.mod", 4, "module a\n"))),
        session.replayPlan());
  }

  @Test
  void replaysInitializedWithEmptyParamsWhenNoneWereSent() throws Exception {
    session.initialize(json(INIT));
    session.initialized(null);
    assertEquals(
        new Replay.Notification("initialized", new JsonObject()), session.replayPlan().get(1));
  }

  @Test
  void keepsInitializeParamsByteForByteWhenFoldersDidNotChange() throws Exception {
    session.initialize(json(INIT));
    session.didChangeWorkspaceFolders(foldersChange("[{'uri':'file:///w/b','name':'b'}]", "[]"));
    session.didChangeWorkspaceFolders(foldersChange("[]", "[{'uri':'file:///w/b','name':'b'}]"));
    JsonObject replayed = session.replayPlan().get(0).params();
    assertEquals(json(INIT).toString(), replayed.toString());
  }

  @Test
  void addsNoWorkspaceFoldersToARootUriOnlyInitialize() throws Exception {
    String init = "{'processId':1,'rootUri':'file:///w/a','capabilities':{}}";
    session.initialize(json(init));
    assertEquals(json(init), session.replayPlan().get(0).params());
  }

  @Test
  void replaysTheCurrentWorkspaceFolders() throws Exception {
    session.initialize(json(INIT));
    session.didChangeWorkspaceFolders(
        foldersChange(
            "[{'uri':'file:///w/b','name':'b'},{'uri':'file:///w/c','name':'c'}]",
            "[{'uri':'file:///w/a','name':'a'}]"));
    session.didChangeWorkspaceFolders(foldersChange("[{'uri':'file:///w/b','name':'B'}]", "[]"));
    List<JsonObject> expected =
        List.of(json("{'uri':'file:///w/b','name':'B'}"), json("{'uri':'file:///w/c','name':'c'}"));
    assertEquals(expected, session.workspaceFolders());
    JsonObject want = json(INIT);
    want.add("workspaceFolders", json("{'f':" + expected + "}").get("f"));
    assertEquals(want, session.replayPlan().get(0).params());
  }

  @Test
  void fallsBackToRootUriForTheInitialFolder() throws Exception {
    session.initialize(
        json("{'processId':null,'rootUri':'file:///home/u/my%20proj/','capabilities':{}}"));
    assertEquals(
        List.of(json("{'uri':'file:///home/u/my%20proj/','name':'my proj'}")),
        session.workspaceFolders());
    session.didChangeWorkspaceFolders(foldersChange("[{'uri':'file:///x','name':'x'}]", "[]"));
    assertEquals(
        json(
            """
            {'processId':null, 'rootUri':'file:///home/u/my%20proj/', 'capabilities':{},
             'workspaceFolders':[{'uri':'file:///home/u/my%20proj/', 'name':'my proj'},
                                 {'uri':'file:///x', 'name':'x'}]}
            """),
        session.replayPlan().get(0).params());
  }

  @Test
  void removingEveryFolderClearsTheRoot() throws Exception {
    session.initialize(
        json(
            "{'rootPath':'/w/a','rootUri':'file:///w/a','capabilities':{},"
                + "'workspaceFolders':null}"));
    session.didChangeWorkspaceFolders(foldersChange("[]", "[{'uri':'file:///w/a','name':'a'}]"));
    assertEquals(
        json("{'rootPath':null,'rootUri':null,'capabilities':{},'workspaceFolders':[]}"),
        session.replayPlan().get(0).params());
  }

  @Test
  void noFoldersWithoutWorkspaceFoldersOrRootUri() throws Exception {
    session.initialize(json("{'rootUri':null,'capabilities':{}}"));
    assertEquals(List.of(), session.workspaceFolders());
  }

  @Test
  void rejectsMalformedFolderParamsAndKeepsState() throws Exception {
    MalformedParamsException init =
        assertThrows(
            MalformedParamsException.class,
            () -> session.initialize(json("{'workspaceFolders':[{'name':'a'}]}")));
    assertEquals("workspaceFolders[0].uri", init.path());
    assertEquals(List.of(), session.replayPlan());
    session.initialize(json(INIT));
    MalformedParamsException change =
        assertThrows(
            MalformedParamsException.class,
            () -> session.didChangeWorkspaceFolders(json("{'event':{'added':[]}}")));
    assertEquals("event.removed", change.path());
    assertEquals(List.of(json("{'uri':'file:///w/a','name':'a'}")), session.workspaceFolders());
  }

  @Test
  void storesCopiesSoCallersCannotChangeTheSession() throws Exception {
    JsonObject init = json(INIT);
    session.initialize(init);
    init.addProperty("processId", 7);
    JsonObject config = json("{'settings':{}}");
    session.initialized(json("{}"));
    session.didChangeConfiguration(config);
    config.addProperty("settings", "changed");
    session.replayPlan().get(0).params().addProperty("processId", 8);
    session.workspaceFolders().get(0).addProperty("uri", "file:///elsewhere");

    List<Replay> plan = session.replayPlan();
    assertEquals(json(INIT), plan.get(0).params());
    assertEquals(json("{'settings':{}}"), plan.get(2).params());
    assertEquals(List.of(json("{'uri':'file:///w/a','name':'a'}")), session.workspaceFolders());
  }
}
