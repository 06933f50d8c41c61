#!/usr/bin/env bash
# Re-extracts the committed OpenAPI and reference-operation facts from the source documents.
# Usage: asana-openapi/extract-facts.sh OPENAPI_YAML OPERATIONS_JSON
#   e.g. asana-openapi/extract-facts.sh ../shared/reference/asana-openapi.yaml \
#                                       ../shared/reference/reference-connector-operations.json
# Writes asana-openapi/src/main/resources/dev/agentconnector/asana/openapi/{asana-openapi-facts,reference-operations}.json;
# `git diff` then shows what changed in Asana's API.
set -euo pipefail
if [ $# -ne 2 ]; then
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
abs() { (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename "$1")"); }
openapi="$(abs "$1")"; operations="$(abs "$2")"
for f in "$openapi" "$operations"; do
  [ -f "$f" ] || { echo "extract-facts: $f not found" >&2; exit 2; }
done
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/src/main/resources/dev/agentconnector/asana/openapi"
cd "$here"
mvn -q -B -Dstyle.color=never compile exec:java \
  -Dexec.args="'$openapi' '$operations' '$out'"
