package rules

import "github.com/yuin/goldmark/ast"

// nodeIndex is a document's nodes in preorder, built once per document:
// dozens of rules visit every node, and reading a slice is much cheaper than
// walking the tree's pointers once per rule (go/ast/inspector does the same
// for go/analysis passes).
type nodeIndex struct {
	nodes []ast.Node
	// next[i] is the index of the first node after the subtree of
	// nodes[i], to skip its children.
	next []int32
}

var nodeIndexKey = &derivedKey{"node index"}

func nodesOf(d *Document) *nodeIndex {
	return derive(d, nodeIndexKey, func() *nodeIndex {
		ix := &nodeIndex{}
		if d.AST == nil {
			return ix
		}
		// Documents of the corpus have one or two nodes per line: one
		// allocation of each slice covers most of them.
		n := 2*len(d.LineStarts) + 8
		ix.nodes, ix.next = make([]ast.Node, 0, n), make([]int32, 0, n)
		var visit func(n ast.Node)
		visit = func(n ast.Node) {
			i := len(ix.nodes)
			ix.nodes = append(ix.nodes, n)
			ix.next = append(ix.next, 0)
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				visit(c)
			}
			ix.next[i] = int32(len(ix.nodes))
		}
		visit(d.AST)
		return ix
	})
}

// inspect calls fn for every node of d's AST in preorder, as ast.Walk does
// on entering; when fn returns false, the node's children are skipped.
// The tree must not change during the call.
func inspect(d *Document, fn func(n ast.Node) bool) {
	ix := nodesOf(d)
	for i := 0; i < len(ix.nodes); {
		if fn(ix.nodes[i]) {
			i++
		} else {
			i = int(ix.next[i])
		}
	}
}
