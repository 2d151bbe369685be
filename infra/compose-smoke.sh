#!/usr/bin/env bash
# Runs docker-compose.yml for real with podman: builds local stand-ins for the images no registry serves
# here (PostgreSQL from Debian's packages, .NET from this machine's SDK), builds the worker's image from
# infra/Dockerfile with them, starts the stack with podman-compose, drops a seed into ./data/inbox and reads
# it back from /api/articles and /health/ready, then tears it all down. Every wait is bounded. Where
# podman cannot run, one line says so and the script exits 0, so CI goes on.
#
# Usage: infra/compose-smoke.sh          (INGEST_PORT picks the host's port, 15080 by default)
set -euo pipefail
cd "$(dirname "$0")/.."

project=ingestworker-smoke
port=${INGEST_PORT:-15080}
postgres_image=localhost/ingestworker-postgres:15
dotnet_image=localhost/ingestworker-dotnet:10.0
worker_image=localhost/ingestworker:latest
seed=$(ls seeds | head -n 1)

skip() { echo "compose smoke: skipped, $1"; exit 0; }
fail() { echo "compose smoke: FAILED, $1" >&2; exit 1; }

command -v podman >/dev/null || skip "podman is not installed"
timeout 60 podman info >/dev/null 2>&1 || skip "podman cannot run here ($(timeout 60 podman info 2>&1 | tail -n 1))"
if command -v podman-compose >/dev/null; then
    compose=(podman-compose)
elif timeout 30 podman compose version >/dev/null 2>&1; then
    compose=(podman compose)
else
    skip "neither podman-compose nor podman compose is installed"
fi

started=$(date +%s)
timeout 900 bash infra/podman-postgres-image.sh "$postgres_image" || skip "the PostgreSQL stand-in image could not be built"
timeout 900 bash infra/podman-dotnet-image.sh "$dotnet_image" || skip "the .NET stand-in image could not be built"

# Built here rather than by compose, which cannot lend a build this machine's NuGet packages: with them
# the build needs no network (and so skips NuGet's vulnerability audit, which would ask nuget.org).
# The image's publish is ReadyToRun (IngestWorker.csproj), which needs the runtime packs and crossgen2 of
# NuGet: restored here, as that publish restores, so the offline build finds them in the shared cache.
timeout 900 dotnet restore src/IngestWorker/IngestWorker.csproj -p:_IsPublishing=true -nologo -v q >/dev/null \
    || fail "the worker's packages for a ReadyToRun publish could not be restored"
# The build leaves its SDK stage and the image it re-tags as untagged images (2 GB a run): down removes them.
untagged() { podman images -q --filter dangling=true | sort; }
untagged_before=$(untagged)
created_data=
[ -d data ] || created_data=1
build_log=$(mktemp)
compose_env=(env INGEST_PORT="$port" POSTGRES_IMAGE="$postgres_image" SDK_IMAGE="$dotnet_image" RUNTIME_IMAGE="$dotnet_image")
down() {
    timeout 120 "${compose_env[@]}" "${compose[@]}" -p "$project" down -v >/dev/null 2>&1 || true
    if [ -n "$created_data" ]; then rm -rf data; fi
    comm -13 <(echo "$untagged_before") <(untagged) | xargs -r podman rmi -f >/dev/null 2>&1 || true
    rm -f "$build_log"
}
trap down EXIT
trap 'exit 143' TERM INT

echo "compose smoke: building $worker_image from infra/Dockerfile"
timeout 1500 podman build --network none -f infra/Dockerfile \
    --build-arg SDK_IMAGE="$dotnet_image" --build-arg RUNTIME_IMAGE="$dotnet_image" \
    --build-arg PUBLISH_OPTIONS=-p:NuGetAudit=false \
    --volume "$HOME/.nuget/packages:/root/.nuget/packages:O" \
    -t "$worker_image" . >"$build_log" 2>&1 || fail "the worker image did not build: $(grep -m 3 -E 'error|Error' "$build_log" | tr '\n' ' ')"

mkdir -p data/inbox
timeout 300 "${compose_env[@]}" "${compose[@]}" -p "$project" up -d --no-build >/dev/null 2>&1 || fail "podman-compose up failed"

# Waits up to $2 seconds for the command $1 to succeed.
wait_for() {
    local deadline=$(( $(date +%s) + $2 ))
    until eval "$1"; do
        [ "$(date +%s)" -lt "$deadline" ] || return 1
        sleep 2
    done
}

api="http://127.0.0.1:$port"
wait_for "curl -sf --max-time 5 $api/health/ready >/dev/null" 180 \
    || fail "the worker never became ready: $(curl -s --max-time 5 "$api/health/ready" || echo 'no answer'); $(timeout 30 podman logs --tail 5 "${project}_worker_1" 2>&1 | tr '\n' ' ')"

cp "seeds/$seed" "data/inbox/$seed"
wait_for "curl -sf --max-time 5 '$api/api/articles' | grep -q '\"fileName\":\"$seed\"'" 120 \
    || fail "the seed $seed never showed in /api/articles"
ready=$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "$api/health/ready")
[ "$ready" = 200 ] || fail "/health/ready answered $ready after the seed was ingested"
timeout 60 podman healthcheck run "${project}_worker_1" >/dev/null 2>&1 || fail "the compose file's healthcheck says the worker is not healthy"
echo "compose smoke: passed in $(( $(date +%s) - started )) s: $seed ingested and listed by /api/articles, /health/ready 200, the compose healthcheck healthy"
