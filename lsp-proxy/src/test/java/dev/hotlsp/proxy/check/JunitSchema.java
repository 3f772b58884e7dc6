package dev.hotlsp.proxy.check;

import dev.hotlsp.proxy.harness.HarnessEnv;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

/** Validates JUnit XML against the Apache Ant schema CI tools read (src/test/resources/junit/JUnit.xsd). */
public final class JunitSchema {
  private JunitSchema() {}

  /** Throws when {@code xml} is not a valid {@code testsuites} document. */
  public static void validate(String xml) throws Exception {
    var xsd = HarnessEnv.repo().resolve("lsp-proxy/src/test/resources/junit/JUnit.xsd");
    var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd.toFile());
    schema.newValidator().validate(new StreamSource(new StringReader(xml)));
  }
}
