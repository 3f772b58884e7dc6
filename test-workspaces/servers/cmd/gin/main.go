// Command gin serves through gin (debug mode unless GIN_MODE=release) with gin.Recovery(), which
// logs "[Recovery] … panic recovered:", in debug mode the request,
// and the stack of a handler panic.
package main

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"example.com/servers/internal/serve"
)

func main() {
	r := gin.New()
	r.Use(gin.Recovery())
	r.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok\n") })
	r.GET("/panic", func(c *gin.Context) {
		items := []string{"a"}
		c.String(http.StatusOK, items[len(c.Query("i"))+3])
	})
	serve.Run(r)
}
