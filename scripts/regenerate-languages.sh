#!/usr/bin/env bash
# After adding or changing a language definition (judge-runner/src/main/java/io/kubejudge/runner/
# language/), regenerates everything derived from the definitions: the shared Language enum (crds),
# the CRD YAML and the chart's copy, the chart's values schema. See docs/languages.md.
set -euo pipefail
cd "$(dirname "$0")/.."
run() { ./mvnw -q -o "$@" -Dsurefire.failIfNoSpecifiedTests=false; }
run -pl crds,judge-runner test -Dtest=LanguageEnumIsCurrentTest -Dkubejudge.updateLanguages=true
run -pl crds test -Dtest=CrdYamlIsCurrentTest -Dkubejudge.updateCrds=true
cp crds/generated/*.yml helm/kubejudge/crds/
run -pl helm -am test -Dtest=ValuesSchemaLanguagesTest -Dkubejudge.updateLanguages=true
run -pl crds,judge-runner test -Dtest='LanguageEnumIsCurrentTest,LanguagesReadmeTableTest' -Dkubejudge.updateLanguages=true
git status --short
