// Package report has what gopls's analyzers flag: a warning and a hint.
package report

import "fmt"

// Show prints a number with the wrong verb: gopls's printf check, a warning.
func Show(n int) {
	fmt.Printf("%s\n", n)
}

// Count counts up with a loop gopls would modernize.
func Count(n int) {
	for i := 0; i < n; i++ {
		fmt.Println(i)
	}
}
