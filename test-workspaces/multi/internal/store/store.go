// Package store keeps names.
package store

import "strconv"

// Store is a list of names.
type Store struct{ names []string }

// New returns an empty Store.
func New() *Store { return &Store{} }

// Add appends a name.
func (s *Store) Add(name string) { s.names = append(s.names, name) }

// Count returns the number of names as text.
func Count(s *Store) string { return strconv.Itoa(len(s.names)) }
