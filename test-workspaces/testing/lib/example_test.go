package lib_test

import (
	"fmt"
	"testing"

	"example.com/testing/lib"
)

func TestGreetEmpty(t *testing.T) {
	if got := lib.Greet(""); got != "Hello!" {
		t.Fatalf("Greet(\"\") = %q", got)
	}
}

func ExampleGreet() {
	fmt.Println(lib.Greet("gopher"))
	// Output: Hello, Gopher!
}

func BenchmarkSum(b *testing.B) {
	for i := 0; i < b.N; i++ {
		lib.Sum(1, 2, 3)
	}
}
