// Package calc crashes in computations: indexes, recursion, generics.
package calc

// At returns s[i].
func At(s []int, i int) int {
	return s[i]
}

// Recurse never stops.
func Recurse(n int) int {
	var pad [64]byte
	pad[n%64] = byte(n)
	return Recurse(n+1) + int(pad[0])
}

// Deep goes n calls down, then indexes out of range.
func Deep(n int) int {
	if n == 0 {
		return At(nil, 0)
	}
	return Deep(n-1) + 1
}

// First returns the first element of s.
func First[T any](s []T) T {
	return s[0]
}
