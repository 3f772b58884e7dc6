package greet_test

import (
	"testing"

	"example.com/testing/check"
	"example.com/testing/greet"
)

func TestEveryone(t *testing.T) {
	got := greet.Everyone("ann", "bob")
	check.Equal(t, len(got), 2)
	check.Equal(t, got[0], "Hello, Ann!")
}
