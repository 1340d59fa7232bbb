#!/usr/bin/env bash
# Start-up and package figures (issue 19) and the trace-reading process ratio (issue 14), for the
# command as users run it: packed, installed as a tool, then timed process by process.
#
# usage: benchmarks/startup.sh [ROUNDS]      (from the repository root; default 21 rounds)
#
# 1. `dotnet pack` into a temporary folder; prints each package's size.
# 2. `dotnet tool install --tool-path` from it; prints the installed size.
# 3. `fleetsim --version` against `fleetsim run --json`, alternately (benchmarks/process_timing.py).
# 4. `fleetsim trace summarize` (which always draws profile.png) and `fleetsim trace fit` (the same reading, no
#    chart) of the 2.4M-row Azure-format trace against python3's csv module summing the same file's token
#    columns (benchmarks/FleetSim.Benchmarks/peers/csv_token_sum.py), alternately.
#    The trace is the one TraceReadingBenchmarks writes ($TMPDIR/fleetsim-bench-azure-2.4M.csv); when it
#    is missing, that suite is run once to write it.
# Set BEFORE_TOOL=/path/to/an/older/fleetsim to time an older install beside this one in the same runs.
set -euo pipefail
rounds="${1:-21}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet pack "$root/src/FleetSim.Cli" -c Release -o "$work/pkg" >"$work/pack.log" 2>&1 || { cat "$work/pack.log"; exit 1; }
echo "packages:"
ls -l "$work/pkg" | awk 'NR > 1 { printf "  %12d  %s\n", $5, $9 }'
dotnet tool install --tool-path "$work/tool" --add-source "$work/pkg" FleetSim.Cli >/dev/null
echo "installed: $(du -sb "$work/tool" | cut -f1) bytes in $work/tool"
tool="$work/tool/fleetsim"

cd "$work"
echo
echo "start-up, $rounds rounds:"
commands=("fleetsim --version=$tool --version" "fleetsim run --json=$tool run --json")
if [[ -n "${BEFORE_TOOL:-}" ]]; then
  commands+=("before: fleetsim --version=$BEFORE_TOOL --version" "before: fleetsim run --json=$BEFORE_TOOL run --json")
fi
python3 "$root/benchmarks/process_timing.py" --rounds "$rounds" "${commands[@]}"

trace="${TMPDIR:-/tmp}/fleetsim-bench-azure-2.4M.csv"
if [[ ! -f "$trace" ]]; then
  dotnet run -c Release --project "$root/benchmarks/FleetSim.Benchmarks" -- --filter '*TraceReading*' --job dry >/dev/null
fi
echo
echo "trace summarize of $(basename "$trace") ($(stat -c %s "$trace") bytes), $(( (rounds + 2) / 3 )) rounds:"
commands=("python3 csv.reader=python3 $root/benchmarks/FleetSim.Benchmarks/peers/csv_token_sum.py $trace"
          "fleetsim trace summarize=$tool trace summarize $trace --out \$(mktemp -d -p $work)/profile"
          "fleetsim trace fit=$tool trace fit $trace --out \$(mktemp -d -p $work)/fit")
if [[ -n "${BEFORE_TOOL:-}" ]]; then
  commands+=("before: fleetsim trace summarize=$BEFORE_TOOL trace summarize $trace --out \$(mktemp -d -p $work)/profile"
             "before: fleetsim trace fit=$BEFORE_TOOL trace fit $trace --out \$(mktemp -d -p $work)/fit")
fi
python3 "$root/benchmarks/process_timing.py" --rounds "$(( (rounds + 2) / 3 ))" "${commands[@]}"
