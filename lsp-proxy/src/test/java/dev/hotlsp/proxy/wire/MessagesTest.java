package dev.hotlsp.proxy.wire;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParseException;
import org.junit.jupiter.api.Test;

class MessagesTest {
  @Test
  void anErrorGsonReportsAsAParseErrorIsThrownAsItself() {
    var oom = new OutOfMemoryError("injected");
    var thrown = assertThrows(OutOfMemoryError.class,
        () -> Messages.notAnObject(new JsonParseException("Failed parsing JSON source to Json", oom)));
    assertSame(oom, thrown);
  }

  @Test
  void realParseErrorsStayIllegalArgument() {
    assertInstanceOf(IllegalArgumentException.class, assertThrows(IllegalArgumentException.class,
        () -> Messages.parse(Frame.of("[1]"))));
    assertThrows(IllegalArgumentException.class, () -> Messages.parse(Frame.of("{not json")));
  }
}
