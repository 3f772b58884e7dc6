// Package unused is imported by nothing: the benchmarks edit it to count builds that affect no
// run target.
package unused

// Edits counts benchmark edits.
const Edits = 0
