// Command threads starts 100,000 goroutines that each lock an OS thread and block, so the
// runtime asks for as many threads as it can get.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	for i := 0; i < 100000; i++ {
		go func() {
			runtime.LockOSThread()
			time.Sleep(time.Hour)
		}()
	}
	fmt.Println("started 100000 goroutines")
	time.Sleep(time.Hour)
}
