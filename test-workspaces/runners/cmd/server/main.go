// Command server answers HTTP on 127.0.0.1:PORT (first argument) with its version.
package main

import (
	"fmt"
	"net/http"
	"os"
)

const version = "v1"

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, version) })
	fmt.Println("listening on", os.Args[1])
	if err := http.ListenAndServe("127.0.0.1:"+os.Args[1], nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
