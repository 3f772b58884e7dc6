// Command linkerr links against a function no package defines: only the linker sees it.
package main

import (
	_ "unsafe"
)

//go:linkname missing example.com/cicheck/nowhere.missing
func missing() int

func main() {
	println(missing())
}
