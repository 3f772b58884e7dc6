package main

// Crashes too big to hold, the inputs HotLSP's crash scanner must read in bounded memory
// (bench/crash_memory.py): `hugepanic N` prints a panic with an N-byte value (default
// 600,000,000) and `manygoroutines N` a panic's dump of N goroutines (default 3,000,000). Sized by an
// argument so tests use small ones. Not golden modes of regen.sh (they would be huge).

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// size is os.Args[2] as a number, or def.
func size(def int) int {
	if len(os.Args) > 2 {
		if n, err := strconv.Atoi(os.Args[2]); err == nil && n >= 0 {
			return n
		}
	}
	return def
}

// hugePanic prints what a panic with a value of n bytes prints — one line of that length after
// "panic: ", then the panicking goroutine's real stack — and exits 2 as a panic does. (Go's own
// panic print gives up at the first short write, which a signal — the scheduler's SIGURG every
// 10 ms — or a non-blocking pipe causes after 64 KiB: a long value is cut by Go itself at random.)
func hugePanic(n int) {
	value := strings.Repeat("x", n)
	stack := make([]byte, 1<<16)
	stack = stack[:runtime.Stack(stack, false)] // the line a panic(value) here would name
	w := bufio.NewWriterSize(os.Stderr, 1<<16)
	w.WriteString("panic: ")
	w.WriteString(value)
	w.WriteString("\n\n")
	w.Write(stack)
	w.Flush()
	os.Exit(2)
}

// manyGoroutines prints what GOTRACEBACK=all prints for a panic with n goroutines — the
// panicking goroutine's real stack, then n-1 copies, renumbered, of a real goroutine parked on a
// channel receive — and exits 2 as a panic does. (n real goroutines would take n times 2 KiB of
// stack or more: a dump of millions is printed, not made.)
func manyGoroutines(n int) {
	ch := make(chan int)
	go parked(ch)
	block := parkedBlock()
	mine := make([]byte, 1<<16)
	mine = mine[:runtime.Stack(mine, false)]
	w := bufio.NewWriterSize(os.Stderr, 1<<16)
	fmt.Fprintf(w, "panic: many goroutines (%d)\n\n%s\n", n, mine)
	for id := 2; id <= n; id++ {
		fmt.Fprintf(w, "goroutine %d %s\n", id+1, block)
	}
	w.Flush()
	os.Exit(2)
}

func parked(ch chan int) {
	<-ch
}

// parkedBlock is the dump of the goroutine running parked, without its "goroutine N" prefix.
func parkedBlock() []byte {
	for {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		for _, g := range bytes.Split(buf, []byte("\n\n")) {
			if bytes.Contains(g, []byte("main.parked(")) && bytes.Contains(g, []byte("[chan receive")) {
				_, rest, _ := bytes.Cut(g, []byte(" ["))
				return append([]byte("["), rest...)
			}
		}
		time.Sleep(time.Millisecond)
	}
}
