package policy

import (
	"os"
	"testing"
)

// FuzzParseRequest feeds arbitrary bytes to the request decoder and decides
// what it accepts: errors are fine, panics are not.
func FuzzParseRequest(f *testing.F) {
	for _, s := range []string{
		`{"action":"collect","categories":["PI.HEALTH"],"basis":"CONSENT","consent":{"state":"general"}}`,
		`{"action":"disclose_public","categories":["REC.CASE_BULLETIN"],"basis":"STATUTORY_DUTY","context":{"published_fields":["full_name"]}}`,
		`{"kind":"lead","lead":{"subjects_count":2000000,"violator_type":"state_organ","ongoing":true}}`,
		`{"kind":"processor","processor":{"volume_individuals":1200000},"measures":["PIPO"]}`,
		`{"action":"use","categories":[{"id":"PI.ID.NUMBER","sensitive_pipl":false}],"subject":{"age":12},"facts":{"items":3,"special_case":true}}`,
		`{"action":"collect","context":{"unnecessary":["PI.RELIGION"]},"categories":["PI.RELIGION","PI.BASIC.NAME"]}`,
		`{"action":`, `[]`, `null`, `{"subject":{"age":-1}}`,
	} {
		f.Add([]byte(s))
	}
	e := loadTestPack(f, nil)
	f.Fuzz(func(t *testing.T, data []byte) {
		req, err := ParseRequest(data)
		if err != nil {
			return
		}
		d, err := e.Decide(req)
		if err != nil {
			return
		}
		if d.Verdict == "" || d.Summary.EN == "" || d.Summary.ZH == "" {
			t.Fatalf("decision without verdict or summary: %+v", d)
		}
	})
}

// FuzzLoadPack feeds arbitrary YAML to the pack loader and validator
// (Engine.Check, the same parse and compile steps as Load): every problem
// must come back as an error.
func FuzzLoadPack(f *testing.F) {
	data, err := os.ReadFile("testdata/semantics.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(goodRule))
	f.Add([]byte("rules:\n  - id: A\n    when: {if: \"(\"}\n"))
	f.Add([]byte("instrument: {id: X, status: law}\nrules: [null]\n"))
	f.Add([]byte("facts: [{name: x, type: bool}]\n"))
	e := loadTestPack(f, nil)
	f.Fuzz(func(t *testing.T, pack []byte) {
		_ = e.Check("fuzz.yaml", pack)
	})
}
