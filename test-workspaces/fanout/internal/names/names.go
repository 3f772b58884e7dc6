// Package names is imported by cmd/alpha, cmd/beta, cmd/beta/v2 and tools/alpha, whose binaries
// go names alpha, beta, beta and alpha.
package names

// Of returns the name a program prints.
func Of(program string) string { return program }
