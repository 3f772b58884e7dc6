package broken

import "testing"

func TestAnswer(t *testing.T) {
	var s string = Answer()
	if s != "42" {
		t.Fail()
	}
}
