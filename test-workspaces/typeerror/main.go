// Command typeerror has exactly one type error, on line 8.
package main

import "fmt"

func main() {
	var count int
	count = "three"
	fmt.Println(count)
}
