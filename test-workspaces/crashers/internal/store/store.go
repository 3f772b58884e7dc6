// Package store crashes on maps and memory.
package store

import "sync"

var table map[string]int

// Item is something with a name.
type Item struct{ name string }

// Put writes into a map nobody made.
func Put(k string, v int) {
	table[k] = v
}

// Name reads through a pointer that may be nil.
func Name(i *Item) string {
	return i.name
}

// ConcurrentWrites writes one map from many goroutines until the runtime notices.
func ConcurrentWrites() {
	m := map[int]int{}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				m[i%64] = i
			}
		}()
	}
	wg.Wait()
}

// Huge asks for more memory than any machine has.
func Huge() []byte {
	n := 1 << 46
	return make([]byte, n)
}
