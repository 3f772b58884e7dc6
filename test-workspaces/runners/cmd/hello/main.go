// Command hello prints its arguments and one environment variable (HOTLSP_HELLO), then exits 0.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("hello", os.Args[1:], os.Getenv("HOTLSP_HELLO"))
}
