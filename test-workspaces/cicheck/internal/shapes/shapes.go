// Package shapes fails at run time.
package shapes

// Area panics with a message full of characters CI formats escape.
func Area(sides []int) int {
	if len(sides) == 0 {
		panic("100% broken: sides, none\nsecond line")
	}
	return sides[0] * sides[1]
}
