package main

import (
	"fmt"

	"example.com/fanout/internal/names"
)

func main() {
	fmt.Println(names.Of("cmd/beta/v2"))
}
