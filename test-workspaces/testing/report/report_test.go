package report

import "testing"

func TestTotal(t *testing.T) {
	got := Total(1, 2, 3)
	if got != "total: 6" {
		t.Errorf("Total(1, 2, 3) = %q, want %q", got, "total: 6")
	}
}

func TestTotalEmpty(t *testing.T) {
	if got := Total(); got != "total: 0" {
		t.Errorf("Total() = %q", got)
	}
}
