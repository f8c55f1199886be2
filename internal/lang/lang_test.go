package lang

import "testing"

func TestNotEnglish(t *testing.T) {
	tests := []struct {
		text    string
		foreign bool
	}{
		{"The development of free software is a collective adventure, and the community keeps growing.", false},
		{"Le développement de logiciels libres est une aventure collective.", true},
		{"El desarrollo de software libre es una aventura colectiva y la comunidad sigue creciendo.", true},
		{"Die Entwicklung freier Software ist ein gemeinschaftliches Abenteuer.", true},
		{"O desenvolvimento de software livre é uma aventura coletiva e a comunidade continua.", true},
		{"Lo sviluppo di software libero è un'avventura collettiva e la comunità continua a crescere.", true},
		{"De ontwikkeling van vrije software is een gezamenlijk avontuur.", true},
		{"Use the --des flag with la and le options.", false}, // a stray foreign word does not flip English
		{"Short.", false},
		{"", false},
	}
	for _, tt := range tests {
		var c Counts
		c.Add([]byte(tt.text))
		if got := c.NotEnglish(); got != tt.foreign {
			t.Errorf("%q: NotEnglish = %v (%+v), want %v", tt.text, got, c, tt.foreign)
		}
	}
}

func TestIsEnglishTag(t *testing.T) {
	for tag, want := range map[string]bool{"": true, "en": true, "en-US": true, "EN_gb": true, "fr": false, "pt-BR": false, "english": false} {
		if got := IsEnglishTag(tag); got != want {
			t.Errorf("IsEnglishTag(%q) = %v", tag, got)
		}
	}
}
