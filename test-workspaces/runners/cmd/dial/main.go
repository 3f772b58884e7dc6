// Command dial connects to each address given (host:port) and prints "ok ADDR" or "fail ADDR
// ERR"; then it lists the network interfaces. Exit 0 if every dial worked, 1 otherwise.
package main

import (
	"fmt"
	"net"
	"os"
	"time"
)

func main() {
	code := 0
	for _, addr := range os.Args[1:] {
		c, err := net.DialTimeout("tcp", addr, 2*time.Second)
		if err != nil {
			fmt.Println("fail", addr, err)
			code = 1
			continue
		}
		c.Close()
		fmt.Println("ok", addr)
	}
	ifaces, _ := net.Interfaces()
	for _, i := range ifaces {
		fmt.Println("iface", i.Name)
	}
	os.Exit(code)
}
