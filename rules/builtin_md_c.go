package rules

// The markdownlint rules MD043–MD060, in MD-number order.
func init() {
	mustRegister(
		RequiredHeadings,
		ProperNames,
		NoAltText,
		CodeBlockStyle,
		SingleTrailingNewline,
		CodeFenceStyle,
		EmphasisStyle,
		StrongStyle,
		LinkFragments,
		ReferenceLinksImages,
		LinkImageReferenceDefinitions,
		LinkImageStyle,
		TablePipeStyle,
		TableColumnCount,
		BlanksAroundTables,
		DescriptiveLinkText,
		TableColumnStyle,
	)
}
