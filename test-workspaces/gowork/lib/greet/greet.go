// Package greet makes greetings; module example.com/lib, used by app through go.work.
package greet

// Hello returns a greeting for name.
func Hello(name string) string { return "hello, " + name }
