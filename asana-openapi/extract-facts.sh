#!/usr/bin/env bash
# Re-extracts the committed OpenAPI and reference-operation facts from the source documents.
# Usage: asana-openapi/extract-facts.sh OPENAPI_YAML OPERATIONS_JSON
#   OPENAPI_YAML: Asana's published OpenAPI document; OPERATIONS_JSON: the reference connector's operation list
# Writes asana-openapi/src/main/resources/dev/agentconnector/asana/openapi/{asana-openapi-facts,reference-operations}.json;
# `git diff` then shows what changed in Asana's API.
set -euo pipefail
usage() { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; }
case "${1:-}" in -h|--help) usage; exit 0 ;; esac
if [ $# -ne 2 ]; then
  usage >&2
  exit 2
fi
for f in "$1" "$2"; do
  [ -f "$f" ] || { echo "extract-facts: $f not found" >&2; exit 2; }
done
abs() { (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd -P)" "$(basename "$1")"); }
openapi="$(abs "$1")"; operations="$(abs "$2")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/src/main/resources/dev/agentconnector/asana/openapi"
cd "$here"
mvn -q -B -Dstyle.color=never compile exec:java \
  -Dexec.args="'$openapi' '$operations' '$out'"
