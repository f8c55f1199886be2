package rules

// The markdownlint-compatible rules MD001 to MD024, in MD-number order.
func init() {
	mustRegister(
		HeadingIncrement,         // MD001
		HeadingStyle,             // MD003
		ULStyle,                  // MD004
		ListIndent,               // MD005
		ULIndent,                 // MD007
		NoTrailingSpaces,         // MD009
		NoHardTabs,               // MD010
		NoReversedLinks,          // MD011
		NoMultipleBlanks,         // MD012
		LineLength,               // MD013
		CommandsShowOutput,       // MD014
		NoMissingSpaceATX,        // MD018
		NoMultipleSpaceATX,       // MD019
		NoMissingSpaceClosedATX,  // MD020
		NoMultipleSpaceClosedATX, // MD021
		BlanksAroundHeadings,     // MD022
		HeadingStartLeft,         // MD023
		NoDuplicateHeading,       // MD024
	)
}
