// Command httpserver serves a small JSON API of notes; the workspace of the rebuild benchmarks.
package main

import (
	"flag"
	"log"
	"net/http"

	"example.com/httpserver/internal/handlers"
	"example.com/httpserver/internal/store"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address")
	flag.Parse()
	notes := store.New()
	mux := http.NewServeMux()
	handlers.Register(mux, notes)
	log.Printf("listening on %s", *addr)
	log.Fatal(http.ListenAndServe(*addr, mux))
}
