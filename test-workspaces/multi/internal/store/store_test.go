package store

import "testing"

func TestCount(t *testing.T) {
	s := New()
	s.Add("a")
	if got := Count(s); got != "1" {
		t.Fatalf("Count = %q, want 1", got)
	}
}
