// Command flood writes SIZE bytes (default 1 GiB) of numbered lines to a stream (stdout by
// default, "stderr" as first argument) and then panics.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
)

func main() {
	out := os.Stdout
	if len(os.Args) > 1 && os.Args[1] == "stderr" {
		out = os.Stderr
	}
	size := int64(1 << 30)
	if len(os.Args) > 2 {
		size, _ = strconv.ParseInt(os.Args[2], 10, 64)
	}
	w := bufio.NewWriterSize(out, 1<<16)
	line := make([]byte, 64)
	for i := range line {
		line[i] = 'x'
	}
	line[63] = '\n'
	for written := int64(0); written < size; written += int64(len(line)) {
		w.Write(line)
	}
	w.Flush()
	fmt.Fprintln(os.Stderr, "flood done")
	panic("after the flood")
}
