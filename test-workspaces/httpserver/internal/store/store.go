// Package store keeps notes in memory.
package store

import (
	"sort"
	"sync"
)

// Note is one stored note.
type Note struct {
	ID   int    `json:"id"`
	Text string `json:"text"`
}

// Store is a concurrency-safe set of notes.
type Store struct {
	mu    sync.Mutex
	next  int
	notes map[int]Note
}

// New returns an empty Store.
func New() *Store { return &Store{notes: map[int]Note{}} }

// Add stores text and returns the new note.
func (s *Store) Add(text string) Note {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	n := Note{ID: s.next, Text: text}
	s.notes[n.ID] = n
	return n
}

// All returns the notes sorted by id.
func (s *Store) All() []Note {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Note, 0, len(s.notes))
	for _, n := range s.notes {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
