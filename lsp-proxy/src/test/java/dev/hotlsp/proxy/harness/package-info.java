/**
 * The fake-editor test harness, modelled on gopls's {@code integration/fake}: a {@link
 * dev.hotlsp.proxy.harness.FakeEditor} drives any {@link dev.hotlsp.proxy.harness.ServerUnderTest}
 * (gopls directly, the proxy's {@code Main} in this JVM, in another JVM, or through {@code
 * ./hotlsp}) over its own Content-Length framing ({@link dev.hotlsp.proxy.harness.LspWire}),
 * records every message in a {@link dev.hotlsp.proxy.harness.MessageLog}, and tests block on
 * {@link dev.hotlsp.proxy.harness.Expectation}s over that log (never on sleeps). A {@link
 * dev.hotlsp.proxy.harness.Sandbox} is the test's own copy of a workspace.
 *
 * <p>Typical test: {@code Sessions.start(server, "typeerror", tmp)}, {@code open("main.go")},
 * {@code await(Expectations.diagnosticAt(uri, 7, "cannot use"))}; to wait for what follows an edit,
 * take {@code log().mark()} first and await {@code expectation.since(mark)}.
 */
package dev.hotlsp.proxy.harness;
