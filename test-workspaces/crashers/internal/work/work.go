// Package work crashes with goroutines: deadlocks, races, panics away from main.
package work

import (
	"errors"
	"fmt"
	"sync"
)

// Repanic recovers a panic and panics again with the same value.
func Repanic() {
	defer func() {
		r := recover()
		panic(r)
	}()
	panic(errors.New("first failure"))
}

// Nested panics while a deferred call handles a panic.
func Nested() {
	defer func() {
		panic(fmt.Sprintf("second panic, %d", 2))
	}()
	panic("first panic")
}

// Deadlock blocks every goroutine.
func Deadlock() {
	ch := make(chan int)
	var mu sync.Mutex
	mu.Lock()
	go func() {
		mu.Lock()
		ch <- 1
	}()
	<-ch
}

// InGoroutine panics in a goroutine of its own.
func InGoroutine() {
	done := make(chan struct{})
	go worker(done)
	<-done
}

func worker(done chan struct{}) {
	var xs []string
	_ = xs[len(done)+3]
	close(done)
}

// Race reads and writes a variable from two goroutines without a lock.
func Race() int {
	x := 0
	done := make(chan struct{})
	go func() {
		x = 1
		close(done)
	}()
	y := x
	<-done
	return y
}

// Blocked starts n goroutines that wait forever.
func Blocked(n int) {
	ch := make(chan int)
	for i := 0; i < n; i++ {
		go wait(ch)
	}
}

func wait(ch chan int) {
	<-ch
}
