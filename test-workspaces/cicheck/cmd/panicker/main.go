// Command panicker crashes when run: a panic two frames below main.
package main

import "example.com/cicheck/internal/shapes"

func main() {
	println(measure())
}

func measure() int {
	return shapes.Area(nil)
}
