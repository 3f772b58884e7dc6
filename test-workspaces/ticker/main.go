// Command ticker prints its version four times a second until it is stopped. The editor tests
// change the version and save to see a hot restart, and set it to "panic" to see a crash.
package main

import (
	"fmt"
	"time"
)

const version = "v1"

func main() {
	if version == "panic" {
		panic("ticker was asked to panic")
	}
	for i := 0; ; i++ {
		fmt.Printf("ticker %s tick %d\n", version, i)
		time.Sleep(250 * time.Millisecond)
	}
}
