// Command echo serves through echo with middleware.Recover(), which logs "[PANIC RECOVER]" and
// the stack of a handler panic.
package main

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"example.com/servers/internal/serve"
)

func main() {
	e := echo.New()
	e.HideBanner = true
	e.Use(middleware.Recover())
	e.GET("/healthz", func(c echo.Context) error { return c.String(http.StatusOK, "ok\n") })
	e.GET("/panic", func(c echo.Context) error {
		panic(errors.New("payment provider unreachable"))
	})
	serve.Run(e)
}
