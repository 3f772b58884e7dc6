// Package unused is imported by no command.
package unused

// Answer is not used by any run target.
func Answer() int { return 42 }
