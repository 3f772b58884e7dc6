// Command hello greets; the smallest workspace the tests use.
package main

import "fmt"

// Greeting returns the text hello prints.
func Greeting(name string) string {
	return "hello, " + name
}

func main() {
	fmt.Println(Greeting("world"))
}
