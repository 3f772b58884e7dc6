package dev.hotlsp.proxy.check;

import dev.hotlsp.bridge.crash.Finding;
import dev.hotlsp.bridge.gotest.PackageResult;
import dev.hotlsp.bridge.gotest.PackageStatus;
import dev.hotlsp.bridge.gotest.TestCase;
import dev.hotlsp.bridge.gotest.TestStatus;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Test results as JUnit XML, the Apache Ant format CI systems import (Jenkins, GitLab, Azure,
 * GitHub actions that publish test reports): {@code <testsuites>} with one {@code <testsuite>} per
 * package (name and package: the import path), one {@code <testcase>} per test and subtest
 * (classname: the import path); a failed test has a {@code <failure>} whose type is its finding's
 * code and whose message is its first finding's ({@code file:line: message}), a test that timed
 * out a {@code <failure type="test-timeout">}, a skipped or stopped one {@code <skipped>}; a
 * package whose test binary did not build is one {@code <testcase name="[build failed]">} with an
 * {@code <error type="build">} holding the compiler's errors. The package's output is its
 * {@code <system-out>}. Characters XML 1.0 cannot hold are written as {@code \xNN}. Pure.
 */
public final class JunitReport {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private JunitReport() {}

  /** The report of {@code packages}, run at {@code timestamp} on {@code hostname}; paths relative to {@code base}. */
  public static String xml(List<PackageResult> packages, Instant timestamp, String hostname, Path base) {
    var out = new StringWriter();
    try {
      XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      w.writeStartElement("testsuites");
      int id = 0;
      for (var p : packages) {
        suite(w, p, id++, timestamp, hostname, base);
      }
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write JUnit XML", e);
    }
    return out + "\n";
  }

  private static void suite(XMLStreamWriter w, PackageResult p, int id, Instant timestamp, String hostname, Path base)
      throws XMLStreamException {
    boolean build = p.status() == PackageStatus.BUILD_FAILED;
    var tests = p.tests();
    long failures = tests.stream().filter(t -> t.status() == TestStatus.FAIL || t.status() == TestStatus.TIMEOUT).count();
    long skipped = tests.stream().filter(t -> t.status() == TestStatus.SKIP || t.status() == TestStatus.STOPPED).count();
    w.writeCharacters("\n  ");
    w.writeStartElement("testsuite");
    w.writeAttribute("name", text(p.importPath()));
    w.writeAttribute("package", text(p.importPath()));
    w.writeAttribute("id", Integer.toString(id));
    w.writeAttribute("timestamp", TIMESTAMP.format(timestamp));
    w.writeAttribute("hostname", text(hostname.isBlank() ? "localhost" : hostname));
    w.writeAttribute("tests", Integer.toString(tests.size() + (build ? 1 : 0)));
    w.writeAttribute("failures", Long.toString(failures));
    w.writeAttribute("errors", build ? "1" : "0");
    w.writeAttribute("skipped", Long.toString(skipped));
    w.writeAttribute("time", seconds(p.elapsed()));
    w.writeCharacters("\n    ");
    w.writeEmptyElement("properties");
    if (build) {
      w.writeCharacters("\n    ");
      w.writeStartElement("testcase");
      w.writeAttribute("name", "[build failed]");
      w.writeAttribute("classname", text(p.importPath()));
      w.writeAttribute("time", "0");
      w.writeStartElement("error");
      var first = p.findings().stream().findFirst();
      w.writeAttribute("message", text(first.map(f -> where(f, base) + f.message()).orElse("the test binary did not build")));
      w.writeAttribute("type", "build");
      w.writeCharacters(text(p.output()));
      w.writeEndElement();
      w.writeEndElement();
    }
    for (var t : tests) {
      testcase(w, p, t, base);
    }
    w.writeCharacters("\n    ");
    w.writeStartElement("system-out");
    w.writeCharacters(text(p.output()));
    w.writeEndElement();
    w.writeCharacters("\n    ");
    w.writeEmptyElement("system-err");
    w.writeCharacters("\n  ");
    w.writeEndElement();
  }

  private static void testcase(XMLStreamWriter w, PackageResult p, TestCase t, Path base) throws XMLStreamException {
    w.writeCharacters("\n    ");
    w.writeStartElement("testcase");
    w.writeAttribute("name", text(t.name()));
    w.writeAttribute("classname", text(p.importPath()));
    w.writeAttribute("time", seconds(t.elapsed()));
    switch (t.status()) {
      case FAIL, TIMEOUT -> {
        var finding = p.findings().stream().filter(f -> f.message().startsWith(t.name() + ": ")).findFirst();
        w.writeStartElement("failure");
        w.writeAttribute("message", text(finding.map(f -> where(f, base) + f.message())
            .orElse(t.status() == TestStatus.TIMEOUT ? t.name() + ": timed out" : t.name() + ": failed")));
        w.writeAttribute("type", finding.map(Finding::code)
            .orElse(t.status() == TestStatus.TIMEOUT ? "test-timeout" : "test-failure"));
        w.writeCharacters(text(t.output()));
        w.writeEndElement();
      }
      case SKIP, STOPPED -> {
        w.writeStartElement("skipped");
        w.writeAttribute("message", t.status() == TestStatus.STOPPED ? "stopped" : "skipped");
        w.writeEndElement();
      }
      default -> { }
    }
    w.writeEndElement();
  }

  /** This machine's name for {@code hostname}: {@code HOSTNAME}, else /etc/hostname, else {@code localhost}. */
  public static String hostname(java.util.Map<String, String> env) {
    var name = env.getOrDefault("HOSTNAME", "");
    if (name.isBlank()) {
      try {
        name = java.nio.file.Files.readString(Path.of("/etc/hostname"), java.nio.charset.StandardCharsets.UTF_8).strip();
      } catch (java.io.IOException e) {
        name = "localhost";
      }
    }
    return name.isBlank() ? "localhost" : name;
  }

  private static String where(Finding f, Path base) {
    return FindingsReport.rel(base, f.file()) + ":" + f.line() + ": ";
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e9);
  }

  /** {@code value} with what XML 1.0 cannot hold (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/F) as {@code \xNN}. */
  static String text(String value) {
    var sb = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
      if (pair) {
        sb.append(c).append(value.charAt(++i));
      } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || Character.isSurrogate(c) || c == 0xFFFE
          || c == 0xFFFF) {
        sb.append(String.format(Locale.ROOT, c < 0x100 ? "\\x%02x" : "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
