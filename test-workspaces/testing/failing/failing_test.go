package failing

import (
	"testing"

	"example.com/testing/check"
)

func TestPasses(t *testing.T) {
	t.Log("a passing test's log line")
}

func TestSkipped(t *testing.T) {
	t.Skip("skipped on purpose")
}

func TestHalf(t *testing.T) {
	for _, c := range []struct{ in, want int }{{4, 2}, {3, 2}} {
		t.Run("case", func(t *testing.T) {
			if got := Half(c.in); got != c.want {
				t.Errorf("Half(%d) = %d, want %d\nsecond line", c.in, got, c.want)
			}
		})
	}
}

func TestHelper(t *testing.T) {
	check.Equal(t, Half(5), 3)
}

func TestPanics(t *testing.T) {
	var m map[string]int
	m["boom"]++
}
