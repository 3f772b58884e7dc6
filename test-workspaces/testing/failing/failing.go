// Package failing has tests that fail in every way but a timeout and a compile error.
package failing

// Half halves n, wrongly for odd numbers on purpose.
func Half(n int) int { return n / 2 }
