// Package serve starts the test servers: it listens on -addr (default 127.0.0.1:0) and prints
// "listening on ADDR" once the port is open, so tests and the smoke run know where to probe.
package serve

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
)

// Run serves h on the address given by -addr until the process is stopped.
func Run(h http.Handler) {
	addr := flag.String("addr", "127.0.0.1:0", "address to listen on")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stdout, "listening on %s\n", ln.Addr())
	log.Fatal(http.Serve(ln, h))
}
