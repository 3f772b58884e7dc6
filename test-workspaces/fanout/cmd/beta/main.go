package main

import (
	"fmt"

	"example.com/fanout/internal/greet"
	"example.com/fanout/internal/names"
)

func main() {
	fmt.Println(names.Of("cmd/beta"), greet.Hello("world"))
}
