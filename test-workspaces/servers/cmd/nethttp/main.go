// Command nethttp is a plain net/http server whose /panic handler writes to a nil map: net/http
// recovers the panic, logs it with its stack through the log package, and goes on serving.
package main

import (
	"net/http"

	"example.com/servers/internal/serve"
)

var counts map[string]int

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("/panic", func(w http.ResponseWriter, r *http.Request) {
		counts[r.URL.Path]++
		w.Write([]byte("counted\n"))
	})
	mux.HandleFunc("/fail", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "broken", http.StatusInternalServerError)
	})
	serve.Run(mux)
}
