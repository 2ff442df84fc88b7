package catalog_test

import (
	"testing"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/rules"
)

func BenchmarkLoadEmbedded(b *testing.B) {
	for b.Loop() {
		if _, err := catalog.Load(rules.FS); err != nil {
			b.Fatal(err)
		}
	}
}
