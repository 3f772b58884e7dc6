// Package hang's tests time out; they build only with -tags hang (so the default run stays
// fast): go test -tags hang -timeout 2s ./hang
package hang

// Forever is how long the tests wait.
const Forever = 1 << 62
