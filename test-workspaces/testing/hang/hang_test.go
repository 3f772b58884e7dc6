//go:build hang

package hang

import (
	"testing"
	"time"
)

func TestWaitsA(t *testing.T) {
	t.Parallel()
	time.Sleep(Forever)
}

func TestWaitsB(t *testing.T) {
	t.Parallel()
	time.Sleep(Forever)
}
