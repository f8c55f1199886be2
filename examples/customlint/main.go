// Command customlint is postlint with one rule of a team's own, written in Go:
// ticket-link, which turns bare ticket keys (PROJ-123) in prose into links to
// the tracker. It shows the whole plugin path: a rule is a value, registered
// in init, and the binary is postlint's own command line.
//
//	go build -o customlint .
//	./customlint --fix docs/
package main

import (
	"os"

	"github.com/postlint/postlint"
	"github.com/postlint/postlint/rules"
)

func init() {
	if err := rules.Register(TicketLink); err != nil {
		panic(err)
	}
}

func main() { os.Exit(postlint.Main()) }
