#!/usr/bin/env bash
# Runs the README's walk-through on the current build in a fresh folder and writes each command's output
# into the README's blocks marked <!-- sample: NAME --> ... <!-- /sample -->, so the samples cannot drift.
#   infra/readme-samples.sh           rewrite the README's samples
#   infra/readme-samples.sh --check   exit 1 when the README's samples differ from what the build prints
#                                     (clock times, dates of receipt, rules versions and folders masked)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-write}
work=$(mktemp -d /tmp/ingestworker-samples.XXXXXX)
# mktemp makes it private; the server user (postgres, when run as root) must reach the data folder inside it,
# or the worker puts its server in a folder of its own under /tmp that the clean-up below would not remove.
chmod 755 "$work"
out="$work/samples"
port=${SAMPLES_PORT:-5097}
worker_pid=
cleanup() {
    if [ -n "$worker_pid" ]; then kill -TERM "$worker_pid" 2>/dev/null || true; wait "$worker_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$out" "$work/run"

echo "Building the worker" >&2
dotnet build "$repo/src/IngestWorker" -c Release -o "$work/bin" -v quiet -nologo >"$work/build.log" 2>&1 ||
    { cat "$work/build.log" >&2; exit 1; }
cp -r "$repo/seeds" "$work/run/seeds"
cd "$work/run"
R() { dotnet "$work/bin/IngestWorker.dll" "$@"; }

# Waits until the read models list N articles (the articles projection has its own pace).
wait_for_articles() {
    for _ in $(seq 1 120); do
        if [ "$(R query articles --format csv 2>/dev/null | tail -n +2 | grep -c .)" -ge "$1" ]; then return 0; fi
        sleep 1
    done
    echo "the worker did not list $1 articles within 2 minutes; its log:" >&2
    cat "$work/worker.log" >&2
    exit 1
}

# Started directly, not through R, so that $! is the worker itself and the clean-up stops it.
dotnet "$work/bin/IngestWorker.dll" --demo --urls "http://127.0.0.1:$port" >"$work/worker.log" 2>&1 &
worker_pid=$!
wait_for_articles 5

cat >inbox/tal-baydar.md <<'ARTICLE'
---
title: US troops leave Tal Baydar as the Syria drawdown goes on
published: 2026-02-10
outlet: Example Wire
---
US troops leave Tal Baydar as the Syria drawdown goes on

American forces began withdrawing from Tal Baydar in Hasakah province this week, two US officials said on Tuesday.

About 1,500 US troops remain in Syria, down from roughly 2,000 at the start of 2025, the officials said.
ARTICLE
wait_for_articles 6
# The claims projection keeps its own pace too: wait until status shows no lag.
for _ in $(seq 1 60); do
    R status --json 2>/dev/null | grep -q '"lag": *[1-9]' || break
    sleep 1
done

grep -E 'Ingested|Inbox batch' "$work/worker.log" | sed -E 's/\x1b\[[0-9;]*m//g' | tail -n 3 >"$out/log" || true
{ echo '$ $R status'; R status; } >"$out/status"
{ echo '$ $R query articles --limit 3'; R query articles --limit 3; } >"$out/articles"
{ echo '$ $R query troops --location Syria'; R query troops --location Syria; } >"$out/troops"
{ echo '$ $R query bases'; R query bases; } >"$out/bases"
{ echo '$ $R query history --location Syria'; R query history --location Syria; } >"$out/history"

R rules >my-rules.yaml
sed -i 's/^bases:$/bases:\n  - { name: Tal Baydar Base, country: Syria, region: Hasakah, aliases: [Tal Baydar] }/' my-rules.yaml
R replay --dry-run --rules my-rules.yaml >"$out/replay" 2>/dev/null
R replay --rules my-rules.yaml >/dev/null 2>&1
{ echo '$ $R query bases --base baydar'; R query bases --base baydar;
  echo '$ $R status | grep rules'; R status | grep -i rules; } >"$out/after-replay"

# Splices each sample into its marked block of a copy of the README.
python3 - "$repo/README.md" "$out" "$work/README.md" "$work/run" <<'PY'
import os, re, sys
readme, samples, target, folder = sys.argv[1:]
text = open(readme, encoding="utf-8").read()
def fill(match):
    name = match.group(1)
    path = os.path.join(samples, name)
    if not os.path.exists(path):
        sys.exit(f"README names sample '{name}', which the walk-through does not make")
    # The run's folder reads as a user's clone; tables pad their lines, the README does not.
    body = open(path, encoding="utf-8").read().replace(folder, "~/IngestWorker")
    body = "\n".join(line.rstrip() for line in body.rstrip("\n").split("\n"))
    return f"<!-- sample: {name} -->\n```\n{body}\n```\n<!-- /sample -->"
text = re.sub(r"<!-- sample: ([\w-]+) -->\n```\n.*?```\n<!-- /sample -->", fill, text, flags=re.S)
open(target, "w", encoding="utf-8").write(text)
PY

if [ "$mode" = "--check" ]; then
    # What changes from run to run on the same build: clock times, receipt dates, versions, folders, lags.
    # A date in brackets in a timeline is an undated article's day of receipt: the day the samples were made.
    mask() { sed -E -e 's/[0-9]{2}:[0-9]{2}:[0-9]{2}/HH:MM:SS/g' -e 's/20[0-9]{2}-[0-9]{2}-[0-9]{2} HH/DATE HH/g' \
        -e 's/\(20[0-9]{2}-[0-9]{2}-[0-9]{2}\)/(DATE)/g' \
        -e 's/[0-9a-f]{12}/VERSION/g' -e 's#/tmp/[^ │]*#FOLDER#g' -e 's/ +│/ │/g' -e 's/─+/─/g' -e 's/ +$//' "$1"; }
    if ! diff <(mask "$repo/README.md") <(mask "$work/README.md") >"$work/diff"; then
        echo "The README's samples differ from what this build prints (run infra/readme-samples.sh):" >&2
        cat "$work/diff" >&2
        exit 1
    fi
    echo "README samples match the build"
else
    cp "$work/README.md" "$repo/README.md"
    echo "README samples written from the build"
fi
