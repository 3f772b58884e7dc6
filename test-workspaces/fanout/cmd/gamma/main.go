package main

import (
	"fmt"

	"example.com/fanout/internal/greet"
)

func main() {
	fmt.Println("cmd/gamma", greet.Hello("world"))
}
