// Command app greets through the lib module of the same go.work.
package main

import (
	"fmt"

	"example.com/lib/greet"
)

func main() {
	fmt.Println(greet.Hello("work"))
}
