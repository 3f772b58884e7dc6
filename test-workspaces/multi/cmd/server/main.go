// Command server serves the api package's handler.
package main

import (
	"fmt"

	"example.com/multi/internal/api"
)

func main() {
	fmt.Println(api.Describe("server"))
}
