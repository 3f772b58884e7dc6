// Package lib is the library the other packages of this module import and test through.
//
// The seeded edit (tests apply it to a COPY of this workspace, never here): replace
// "total += x" by "total += x * 2" in Sum. Then report's TestTotal fails on its t.Errorf line
// (report/report_test.go), lib's TestSum fails, and greet's tests still pass.
package lib

import "strings"

// Sum adds xs.
func Sum(xs ...int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}

// Greet says hello to name, capitalised.
func Greet(name string) string {
	if name == "" {
		return "Hello!"
	}
	return "Hello, " + strings.ToUpper(name[:1]) + name[1:] + "!"
}
