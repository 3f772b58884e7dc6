package lib

import "testing"

func TestSum(t *testing.T) {
	cases := []struct {
		name string
		xs   []int
		want int
	}{
		{"empty", nil, 0},
		{"one", []int{4}, 4},
		{"many", []int{1, 2, 3}, 6},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Sum(c.xs...); got != c.want {
				t.Errorf("Sum(%v) = %d, want %d", c.xs, got, c.want)
			}
		})
	}
}
