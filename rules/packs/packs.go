// Package packs holds the rule packs shipped in the postlint binary: one
// directory per pack, one YAML rule file per rule (see internal/packs for the
// format). A config turns a pack on by name:
//
//	packs: [prose]
package packs

import "embed"

// FS holds the built-in packs: NAME/RULE.yml.
//
//go:embed */*.yml
var FS embed.FS
