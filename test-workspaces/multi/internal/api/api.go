// Package api describes things using the store.
package api

import "example.com/multi/internal/store"

// Describe returns a description of name and the store's count.
func Describe(name string) string {
	s := store.New()
	s.Add(name)
	return name + " has " + store.Count(s)
}
