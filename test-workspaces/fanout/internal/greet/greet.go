// Package greet is imported by cmd/alpha, cmd/beta and cmd/gamma.
package greet

// Hello greets who.
func Hello(who string) string { return "hello, " + who }
