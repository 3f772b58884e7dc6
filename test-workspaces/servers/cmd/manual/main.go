// Command manual recovers handler panics with its own middleware and logs them by hand with
// debug.Stack(), as many services do.
package main

import (
	"log"
	"net/http"
	"runtime/debug"

	"example.com/servers/internal/serve"
)

func recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if rec := recover(); rec != nil {
				log.Printf("handler panic on %s: %v\n%s", r.URL.Path, rec, debug.Stack())
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func divide(a, b int) int {
	return a / b
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	mux.HandleFunc("/panic", func(w http.ResponseWriter, r *http.Request) {
		log.Printf("dividing for %s", r.URL.Path)
		divide(len(r.URL.Path), len(r.URL.RawQuery))
	})
	serve.Run(recoverer(mux))
}
