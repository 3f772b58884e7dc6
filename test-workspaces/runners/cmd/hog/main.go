// Command hog allocates and touches memory until it is killed.
package main

import "fmt"

func main() {
	var keep [][]byte
	for i := 0; ; i++ {
		b := make([]byte, 8<<20)
		for j := range b {
			b[j] = byte(j)
		}
		keep = append(keep, b)
		if i%16 == 0 {
			fmt.Printf("%d MiB\n", (i+1)*8)
		}
	}
}
