package dev.hotlsp.proxy.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class RegistrationLedgerTest {
  private static JsonObject register(String id, String watchers) {
    return JsonParser.parseString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"client/registerCapability\","
        + "\"params\":{\"registrations\":[{\"id\":\"" + id + "\",\"method\":\"workspace/didChangeWatchedFiles\","
        + "\"registerOptions\":{\"watchers\":" + watchers + "}}]}}").getAsJsonObject();
  }

  @Test
  void aRestartedGoplsListingTheSameWatchersInAnotherOrderIsNotForwardedAgain() {
    var ledger = new RegistrationLedger();
    var first = "[{\"globPattern\":\"**/*.{go,mod,sum,work}\",\"kind\":7},{\"globPattern\":\"/w/**/*.go\"},"
        + "{\"globPattern\":{\"baseUri\":\"file:///w\",\"pattern\":\"**/*.s\"}}]";
    var reordered = "[{\"globPattern\":{\"pattern\":\"**/*.s\",\"baseUri\":\"file:///w\"}},"
        + "{\"globPattern\":\"/w/**/*.go\"},{\"kind\":7.0,\"globPattern\":\"**/*.{go,mod,sum,work}\"}]";
    assertTrue(ledger.filter("client/registerCapability", register("w-1", first), 1).isPresent());
    assertTrue(ledger.filter("client/registerCapability", register("w-2", reordered), 2).isEmpty(),
        "the editor already holds these watchers");
  }

  @Test
  void differentWatchersAreANewRegistration() {
    var ledger = new RegistrationLedger();
    assertTrue(ledger.filter("client/registerCapability", register("w-1", "[{\"globPattern\":\"**/*.go\"}]"), 1)
        .isPresent());
    assertTrue(ledger.filter("client/registerCapability",
        register("w-2", "[{\"globPattern\":\"**/*.go\"},{\"globPattern\":\"**/go.mod\"}]"), 2).isPresent());
    assertTrue(ledger.filter("client/registerCapability",
        register("w-3", "[{\"globPattern\":\"**/*.go\",\"kind\":1}]"), 3).isPresent());
  }

  @Test
  void ordinaryListsKeepTheirOrder() {
    var a = RegistrationKey.of("m", JsonParser.parseString("{\"triggerCharacters\":[\".\",\"(\"]}"));
    var b = RegistrationKey.of("m", JsonParser.parseString("{\"triggerCharacters\":[\"(\",\".\"]}"));
    assertNotEquals(a, b);
    assertEquals(RegistrationKey.of("m", JsonParser.parseString("{\"documentSelector\":[{\"language\":\"go\"},"
        + "{\"scheme\":\"file\"}]}")), RegistrationKey.of("m", JsonParser.parseString("{\"documentSelector\":"
        + "[{\"scheme\":\"file\"},{\"language\":\"go\"}]}")));
  }
}
