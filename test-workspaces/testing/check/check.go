// Package check is a require-style test helper: a failure is reported on the caller's line.
package check

import "testing"

// Equal stops the test when got is not want.
func Equal[T comparable](t testing.TB, got, want T) {
	t.Helper()
	if got != want {
		t.Fatalf("got %v, want %v", got, want)
	}
}
