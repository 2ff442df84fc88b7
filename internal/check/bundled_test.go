package check

import (
	"os"
	"slices"
	"sort"
	"testing"
)

// TestHolders: the holders of a copyright notice, and none from the prose
// of a licence text or from its publisher.
func TestHolders(t *testing.T) {
	gpl, err := os.ReadFile("../../testdata/detection/licence-gpl3/COPYING")
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string][]string{
		"MIT License\n\nCopyright (c) 2016 Jeanne Martin\n":             {"jeanne", "martin"},
		"Copyright 2019-2024 Direction interministérielle du numérique": {"direction", "interministerielle", "numerique"},
		"Copyright © Ville de Lyon\n":                                   {"lyon", "ville"},
		string(gpl):                                                     nil, // "copyright on the Program, and are irrevocable…" is prose
		"Copyright (C) <year> <name of author>\n":                       nil,
	}
	for text, want := range cases {
		var got []string
		for w := range holders(text) {
			got = append(got, w)
		}
		sort.Strings(got)
		if !slices.Equal(got, want) {
			t.Errorf("holders(%.40q) = %v, want %v", text, got, want)
		}
	}
}
