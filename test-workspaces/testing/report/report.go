// Package report totals invoices with lib.Sum: its test fails after lib's seeded edit.
package report

import (
	"fmt"

	"example.com/testing/lib"
)

// Total formats the sum of amounts.
func Total(amounts ...int) string {
	return fmt.Sprintf("total: %d", lib.Sum(amounts...))
}
