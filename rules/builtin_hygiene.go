package rules

// The encoding hygiene rules: what makes a post clean UTF-8 text, the gate of
// postlint publish.
func init() {
	mustRegister(
		InvalidUTF8,
		BOM,
		ControlChars,
		InvisibleChars,
		UnicodeNormalization,
		LineEndings,
		TrailingWhitespace,
		FinalNewline,
	)
}
