// Package broken builds; its test does not compile.
package broken

// Answer is 42.
func Answer() int { return 42 }
