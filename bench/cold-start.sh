#!/usr/bin/env bash
# Cold start of the asana-agent command: wall time of whole processes against a simulator started once, beside the
# JVM's own start-up (`java -version` with the same flags) as the baseline. Prints a Markdown table.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/cold-start.sh [-h|--help] [RUNS] [WARMUP]

Times cold starts of the asana-agent command against one simulator started for the run:
  - `java -version` with the launcher's JVM flags (the JVM's own start-up, the floor),
  - `asana-agent describe` (spec load, no network) and `asana-agent execute workspaces get` (one API call),
    each through the ./asana-agent launcher (what a user runs) and as the plain `java` command the launcher
    ends with (so the launcher's own overhead shows as the difference).
Every command first runs WARMUP times (default 3; discarded: they fill the page cache and create the
launcher's class-data archive), then RUNS times (default 20), round-robin so that load changes on the machine hit
all commands alike. Each row gives the median, the 10th-90th percentile range and min-max in milliseconds.
Needs bash 5 (or GNU date), java, and a built jar or mvn (the launcher builds it). No python or jq needed.
EOF
}

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
esac
runs="${1:-20}"
warmup="${2:-3}"
if ! [[ "$runs" =~ ^[1-9][0-9]*$ && "$warmup" =~ ^[0-9]+$ ]]; then
  usage >&2
  exit 2
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
launcher="$here/asana-agent"
"$launcher" --version >/dev/null   # builds the jar (and the class-data archive) when needed
# the exact java command line the launcher runs, one argument per line (the command's own arguments follow it)
mapfile -t javacmd < <(ASANA_AGENT_PRINT_JAVA_COMMAND=1 "$launcher")
jvmflags=()
for a in "${javacmd[@]:1}"; do
  [ "$a" = "-jar" ] && break
  jvmflags+=("$a")
done

log="$(mktemp)"
"$launcher" sim --seed 42 >"$log" 2>/dev/null &
sim_pid=$!
trap 'kill "$sim_pid" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 300); do   # the simulator prints one JSON line when it is ready
  [ -s "$log" ] && break
  kill -0 "$sim_pid" 2>/dev/null || { echo "cold-start.sh: the simulator did not start" >&2; exit 1; }
  sleep 0.1
done
ready="$(head -n 1 "$log")"
field() { # the string value of one key of the one-line JSON object in $ready
  printf '%s\n' "$ready" | sed -n 's/.*"'"$1"'"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p'
}
ASANA_BASE_URL="$(field base_url)"
ASANA_TOKEN="$(field personal_access_token)"
ws="$(field workspace_gid)"
if [ -z "$ASANA_BASE_URL" ] || [ -z "$ASANA_TOKEN" ] || [ -z "$ws" ]; then
  echo "cold-start.sh: cannot read the simulator's ready line: $ready" >&2
  exit 1
fi
export ASANA_BASE_URL ASANA_TOKEN

names=(); cmds=()
add() { names+=("$1"); shift; cmds+=("$(printf '%q ' "$@")"); }
add "\`java -version\` (launcher's JVM flags; the floor)" java "${jvmflags[@]}" -version
add "\`asana-agent describe\` (spec load, no network)" "$launcher" describe
add "\`asana-agent execute workspaces get\` (one API call)" "$launcher" execute workspaces get -p "workspace_gid=$ws"
add "same \`describe\` as the plain java command" "${javacmd[@]}" describe
add "same \`execute\` as the plain java command" "${javacmd[@]}" execute workspaces get -p "workspace_gid=$ws"

now_us() {
  if [ -n "${EPOCHREALTIME:-}" ]; then
    local t="${EPOCHREALTIME/[.,]/}"
    echo "$t"
  else
    echo $(( $(date +%s%N) / 1000 ))
  fi
}

for i in "${!cmds[@]}"; do # each must succeed before it is timed
  if ! out="$(eval "${cmds[$i]}" 2>&1)"; then
    echo "cold-start.sh: failed: ${cmds[$i]}" >&2
    echo "$out" >&2
    exit 1
  fi
done

declare -A samples
for round in $(seq $(( warmup + runs ))); do
  for i in "${!cmds[@]}"; do
    s=$(now_us)
    eval "${cmds[$i]}" >/dev/null 2>&1
    e=$(now_us)
    if [ "$round" -gt "$warmup" ]; then
      samples[$i]+="$(( e - s )) "
    fi
  done
done

stats() { # microsecond samples -> "median p10 p90 min max" in ms (nearest-rank percentiles)
  tr ' ' '\n' | grep . | sort -n | awk '
    { a[NR] = $1 }
    function pct(p,  r) { r = int(p * NR + 0.999999); if (r < 1) r = 1; if (r > NR) r = NR; return a[r] / 1000 }
    END {
      med = (NR % 2) ? a[(NR + 1) / 2] / 1000 : (a[NR / 2] + a[NR / 2 + 1]) / 2000
      printf "%.0f %.0f %.0f %.0f %.0f\n", med, pct(0.1), pct(0.9), a[1] / 1000, a[NR] / 1000
    }'
}

read -r base _ <<<"$(echo "${samples[0]}" | stats)"
echo "$(nproc 2>/dev/null || echo '?') cores, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'); \
$runs runs per command after $warmup warm-up runs, interleaved"
echo
echo "| command | median | p10–p90 | min–max | median over \`java -version\` |"
echo "|---|---:|---:|---:|---:|"
for i in "${!cmds[@]}"; do
  read -r med p10 p90 min max <<<"$(echo "${samples[$i]}" | stats)"
  over="$(( med - base )) ms"
  [ "$i" -eq 0 ] && over="—"
  echo "| ${names[$i]} | ${med} ms | ${p10}–${p90} ms | ${min}–${max} ms | ${over} |"
done
