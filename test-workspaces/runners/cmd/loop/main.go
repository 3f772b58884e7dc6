// Command loop burns CPU forever: the runner must end it by its timeout or CPU limit.
package main

import "fmt"

func main() {
	fmt.Println("looping")
	n := 0
	for {
		n++
	}
}
