package dev.hotlsp.bridge.gotest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hotlsp.bridge.gotest.TestDeclarations.Declaration;
import dev.hotlsp.bridge.gotest.TestDeclarations.Kind;
import dev.hotlsp.bridge.testing.Workspaces;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestDeclarationsTest {
  private static final Path F = Path.of("/w/x_test.go");

  @Test
  void findsTestsBenchmarksFuzzTargetsAndExamplesByGosRule() {
    var text = """
        package x

        func TestA(t *testing.T) {}
        func Testlower(t *testing.T) {}
        func Test(t *testing.T) {}
        func TestHelper(x int) {}
        func BenchmarkB(b *testing.B) {}
        func FuzzC(f *testing.F) {}
        func ExampleD() {}
        func Example_suffix() {}
        func (s *S) TestMethod(t *testing.T) {}
        	func TestIndented(t *testing.T) {}
        """;
    assertEquals(List.of(new Declaration("TestA", Kind.TEST, F, 3), new Declaration("Test", Kind.TEST, F, 5),
            new Declaration("BenchmarkB", Kind.BENCHMARK, F, 7), new Declaration("FuzzC", Kind.FUZZ, F, 8),
            new Declaration("ExampleD", Kind.EXAMPLE, F, 9), new Declaration("Example_suffix", Kind.EXAMPLE, F, 10)),
        TestDeclarations.parse(F, text));
  }

  @Test
  void scansAPackagesTestFilesInTheirOrder(@TempDir Path tmp) throws Exception {
    var lib = Workspaces.copy("testing", tmp).resolve("lib");
    assertEquals(List.of("TestGreetEmpty:10", "ExampleGreet:16", "BenchmarkSum:21", "TestSum:5"),
        TestDeclarations.scan(lib).stream().map(d -> d.name() + ":" + d.line()).toList());
    assertEquals("test", Kind.TEST.wireName());
  }
}
