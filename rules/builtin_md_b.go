package rules

// The markdownlint rules MD025–MD042, in MD-number order.
func init() {
	mustRegister(
		SingleTitle,
		NoTrailingPunctuation,
		NoMultipleSpaceBlockquote,
		NoBlanksBlockquote,
		OLPrefix,
		ListMarkerSpace,
		BlanksAroundFences,
		BlanksAroundLists,
		NoInlineHTML,
		NoBareURLs,
		HRStyle,
		NoEmphasisAsHeading,
		NoSpaceInEmphasis,
		NoSpaceInCode,
		NoSpaceInLinks,
		FencedCodeLanguage,
		FirstLineHeading,
		NoEmptyLinks,
	)
}
