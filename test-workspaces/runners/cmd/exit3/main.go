// Command exit3 prints a line on each stream and exits with code 3.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("out")
	fmt.Fprintln(os.Stderr, "err")
	os.Exit(3)
}
