// Command crashers crashes by name, so tests can read real Go crash output.
//
//	crashers MODE [N]
package main

import (
	"fmt"
	"os"
	"strconv"
	"syscall"
	"time"

	"example.com/crashers/internal/calc"
	"example.com/crashers/internal/store"
	"example.com/crashers/internal/work"
)

type customError struct{ code int }

func (e customError) Error() string { return fmt.Sprintf("custom failure %d\nsecond line", e.code) }

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: crashers MODE [N]")
		os.Exit(2)
	}
	fmt.Println("starting", os.Args[1])
	fmt.Fprintln(os.Stderr, "ordinary stderr line before the crash")
	switch os.Args[1] {
	case "nil-map":
		store.Put("k", 1)
	case "index":
		fmt.Println(calc.At([]int{1, 2, 3}, 5))
	case "nil-deref":
		var p *store.Item
		fmt.Println(store.Name(p))
	case "custom-error":
		panic(customError{code: 42})
	case "repanic":
		work.Repanic()
	case "nested":
		work.Nested()
	case "deadlock":
		work.Deadlock()
	case "mapwrite":
		store.ConcurrentWrites()
	case "overflow":
		fmt.Println(calc.Recurse(1))
	case "oom":
		fmt.Println(len(store.Huge()))
	case "goroutine-panic":
		work.InGoroutine()
	case "deep":
		fmt.Println(calc.Deep(200))
	case "generic":
		fmt.Println(calc.First[string](nil))
	case "race":
		fmt.Println(work.Race())
		time.Sleep(10 * time.Millisecond)
		fmt.Println("race done")
	case "sigquit":
		work.Blocked(2)
		syscall.Kill(os.Getpid(), syscall.SIGQUIT)
		time.Sleep(5 * time.Second)
	case "many":
		n := 10
		if len(os.Args) > 2 {
			n, _ = strconv.Atoi(os.Args[2])
		}
		work.Blocked(n)
		panic("many goroutines")
	case "hugepanic":
		hugePanic(size(600_000_000))
	case "manygoroutines":
		manyGoroutines(size(3_000_000))
	default:
		fmt.Fprintln(os.Stderr, "unknown mode", os.Args[1])
		os.Exit(2)
	}
}
