// Package schemacheck validates YAML documents against passation's JSON
// Schemas. Only tests use it, so the product binary does not carry a JSON
// Schema validator.
package schemacheck

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/passation/passation/internal/config"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// Base is where the schemas say they live.
const Base = "https://raw.githubusercontent.com/passation/passation/main/internal/config/schema/"

// Compile loads both embedded schemas and returns the one named
// ("config.schema.json" or "rules.schema.json").
func Compile(name string) (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	for _, n := range []string{"config.schema.json", "rules.schema.json"} {
		data, err := config.Schemas.ReadFile("schema/" + n)
		if err != nil {
			return nil, err
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		if err := c.AddResource(Base+n, doc); err != nil {
			return nil, err
		}
	}
	return c.Compile(Base + name)
}

// Validate checks a YAML document against the named schema.
func Validate(name string, data []byte) error {
	s, err := Compile(name)
	if err != nil {
		return err
	}
	v, err := FromYAML(data)
	if err != nil {
		return err
	}
	return s.Validate(v)
}

// FromYAML decodes YAML into the values a JSON document would hold: a
// date stays the string it is written as, as editors see it.
func FromYAML(data []byte) (any, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return convert(doc.Content[0])
}

func convert(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := convert(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := convert(c)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return nil, nil
		case "!!bool":
			b, err := strconv.ParseBool(strings.ToLower(n.Value))
			if err != nil {
				return n.Value, nil
			}
			return b, nil
		case "!!int", "!!float":
			f, err := strconv.ParseFloat(n.Value, 64)
			if err != nil {
				return n.Value, nil
			}
			return f, nil
		}
		return n.Value, nil
	case yaml.AliasNode:
		return convert(n.Alias)
	}
	return nil, fmt.Errorf("line %d: unexpected YAML node", n.Line)
}
