package config

import "embed"

// Schemas holds the JSON Schemas of the configuration file
// (schema/config.schema.json) and of rule files (schema/rules.schema.json),
// for editors and for the tests that keep them true to the loaders.
//
//go:embed schema/*.json
var Schemas embed.FS
