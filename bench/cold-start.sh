#!/usr/bin/env bash
# Cold start of `asana-agent execute` against a simulator started once, beside the JVM's own start-up
# (`java -version` with the same flags) as a baseline. Prints a Markdown table.
# Usage: bench/cold-start.sh [RUNS]   (default 10)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-10}"
"$here/asana-agent" --version >/dev/null   # builds the jar when needed
jar="$here/cli/target/asana-agent.jar"
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto)

fifo="$(mktemp -u)"; mkfifo "$fifo"
java -jar "$jar" sim --seed 42 >"$fifo" 2>/dev/null &
sim_pid=$!
trap 'kill $sim_pid 2>/dev/null || true; rm -f "$fifo"' EXIT
read -r ready <"$fifo"
field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$ready" "$1"; }
export ASANA_BASE_URL="$(field base_url)" ASANA_TOKEN="$(field personal_access_token)"
ws="$(field workspace_gid)"

median_ms() { # command... ; runs it $runs times, prints the median wall time in ms
  local times=()
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
    times+=($(( (e - s) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'
}

jvm=$(median_ms java "${flags[@]}" -version)
describe=$(median_ms "$here/asana-agent" describe)
get=$(median_ms "$here/asana-agent" execute workspaces get -p "workspace_gid=$ws")
echo "| command (median of $runs runs) | wall time | over JVM start-up |"
echo "|---|---:|---:|"
echo "| \`java -version\` (same JVM flags, baseline) | ${jvm} ms | — |"
echo "| \`asana-agent describe\` (spec load, no network) | ${describe} ms | $(( describe - jvm )) ms |"
echo "| \`asana-agent execute workspaces get\` (one API call) | ${get} ms | $(( get - jvm )) ms |"
