// Command writer tries to create a file in each directory given and in /, and in its working
// directory; it prints "wrote PATH" or "denied PATH ERR" for each. Exit 0 if every write
// outside the working directory failed, 1 if one succeeded.
package main

import (
	"fmt"
	"os"
	"path/filepath"
)

func try(dir string) bool {
	p := filepath.Join(dir, "hotlsp-writer-was-here")
	if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
		fmt.Println("denied", p, err)
		return false
	}
	fmt.Println("wrote", p)
	return true
}

func main() {
	code := 0
	for _, d := range append(os.Args[1:], "/") {
		if try(d) {
			code = 1
		}
	}
	try(".")
	os.Exit(code)
}
