// Command noterm ignores SIGTERM (and SIGINT) and sleeps forever.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	signal.Ignore(syscall.SIGTERM, syscall.SIGINT)
	fmt.Println("ignoring SIGTERM")
	os.Stdout.Sync()
	time.Sleep(24 * time.Hour)
}
