// Command forkbomb starts two copies of itself (and a sh -c) in a loop, without end; a failed
// start is retried, so only the runner's limits end it.
package main

import (
	"fmt"
	"os"
	"os/exec"
)

func main() {
	fmt.Fprintln(os.Stderr, "fork", os.Getpid())
	self, err := os.Executable()
	if err != nil {
		self = os.Args[0]
	}
	for {
		for _, c := range []*exec.Cmd{exec.Command(self), exec.Command("/bin/sh", "-c", "sleep 600")} {
			if err := c.Start(); err == nil {
				go c.Wait()
			}
		}
	}
}
