// Command tool uses only the util package.
package main

import (
	"fmt"

	"example.com/multi/internal/util"
)

func main() {
	fmt.Println(util.Shout("tool"))
}
