// Command chi serves through go-chi with middleware.Logger and middleware.Recoverer, which prints
// a recovered handler panic as its "pretty stack".
package main

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"example.com/servers/internal/serve"
)

type store struct{ items map[string]string }

func (s *store) lookup(id string) string {
	var missing *store
	return missing.items[id]
}

func main() {
	r := chi.NewRouter()
	r.Use(middleware.Recoverer)
	s := &store{}
	r.Get("/healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	r.Get("/panic", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(s.lookup(chi.URLParam(r, "id"))))
	})
	serve.Run(r)
}
