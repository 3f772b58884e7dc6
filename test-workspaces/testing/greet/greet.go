// Package greet greets with lib.Greet; lib's seeded edit does not change its results.
package greet

import "example.com/testing/lib"

// Everyone greets each name.
func Everyone(names ...string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		out = append(out, lib.Greet(n))
	}
	return out
}
