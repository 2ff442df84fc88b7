package cohortreport_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/passation/passation/internal/audit"
	"github.com/passation/passation/internal/cohortreport"
)

// FuzzShard: no shard file given to report merge makes it panic or hang;
// what it accepts renders.
func FuzzShard(f *testing.F) {
	f.Add([]byte(`{"schema":"passation-audit/v1","cohort":1,"shard":{"k":1,"n":2},"items":[],"repositories":[{"index":0,"name":"a","url":"u","profile":"core","error":{"kind":"auth","message":"m"}}]}`))
	f.Add([]byte(`{"schema":"passation-audit/v1","cohort":1,"items":[],"repositories":[{"index":0,"name":"a","url":"u","profile":"core"}]}`))
	f.Add([]byte(`{"schema":"passation-audit/v1","cohort":9000000000000000000,"items":[],"repositories":[]}`))
	f.Add([]byte(`{"schema":"passation-audit/v1","cohort":2,"items":[{"rule":"r","group":"g","severity":"error","title":"t"}],"repositories":[{"index":1,"name":"a","url":"u","profile":"core","report":{"results":[{"rule":"r","status":"fail","severity":"error","evidence":null}]}}]}`))
	cat := loadCatalog(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := audit.ReadJSON("shard.json", bytes.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "shard.json: ") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		m, err := audit.Merge([]string{"shard.json"}, []*audit.Result{r})
		if err != nil {
			return
		}
		if _, err := cohortreport.Files(m, cat, nil); err != nil {
			t.Fatalf("a merged document does not render: %v", err)
		}
	})
}
