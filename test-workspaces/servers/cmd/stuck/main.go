// Command stuck stays up but part of it is stuck: a worker waits on a channel nobody sends to,
// and /block waits for a lock that is never released. A SIGQUIT dump shows both.
package main

import (
	"log"
	"net/http"
	"sync"

	"example.com/servers/internal/serve"
)

var (
	mu   sync.Mutex
	jobs = make(chan int)
)

func worker() {
	for j := range jobs {
		_ = j
	}
}

func main() {
	mu.Lock()
	go worker()
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	mux.HandleFunc("/block", func(w http.ResponseWriter, r *http.Request) {
		log.Print("waiting for the lock")
		mu.Lock()
		defer mu.Unlock()
	})
	serve.Run(mux)
}
