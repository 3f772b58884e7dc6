// Package calc has a type error gopls and go build both report (once in the check).
package calc

// Sum adds two numbers.
func Sum(a, b int) int {
	var total int = "three"
	return a + b + total
}
