#!/usr/bin/env bash
# Makes a container engine answer on this machine for the tests' Testcontainers run, with no image
# registry at hand: podman (as root, runc as its runtime), a PostgreSQL 15 image built locally from
# Debian's packages, and podman's Docker-compatible API socket.
#
# Prints the environment the tests need (DOCKER_HOST=… lines) on stdout; everything else goes to stderr.
# Exits non-zero, saying why on stderr, when any step cannot be done here.
set -euo pipefail

image=${INGEST_TEST_IMAGE:-localhost/ingestworker-postgres:15}
socket=/run/podman/podman.sock
say() { echo "podman-postgres: $*" >&2; }

if ! command -v podman >/dev/null 2>&1 || ! command -v mmdebstrap >/dev/null 2>&1; then
    say "installing podman and mmdebstrap with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq podman mmdebstrap runc uidmap >&2
fi

# As root in this sandbox podman works with runc and with ulimits no higher than this shell's own hard
# limits (its defaults ask for more, which the sandbox refuses).
mkdir -p /etc/containers
nofile=$(ulimit -Hn)
nproc=$(ulimit -Hu)
cat > /etc/containers/containers.conf <<CONF
# written by ingestworker's infra/podman-postgres.sh: the runtime and limits podman needs on these machines
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]

[engine]
runtime = "runc"
CONF

if ! podman image exists "$image"; then
    say "building $image from Debian's postgresql-15 (about a minute)"
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    cat > "$work/entrypoint.sh" <<'ENTRY'
#!/bin/sh
# Behaves as the official postgres image does for Testcontainers: POSTGRES_USER, POSTGRES_PASSWORD and
# POSTGRES_DB make the superuser and the database on first start; the server listens on 5432 everywhere.
set -e
user=${POSTGRES_USER:-postgres}
password=${POSTGRES_PASSWORD:-postgres}
database=${POSTGRES_DB:-$user}
data=/var/lib/postgresql/data
mkdir -p "$data" /var/run/postgresql
chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql
if [ ! -s "$data/PG_VERSION" ]; then
    printf '%s\n' "$password" > /tmp/password
    chown postgres /tmp/password
    runuser -u postgres -- initdb -D "$data" -U "$user" --pwfile=/tmp/password --auth-local=trust --auth-host=scram-sha-256 -E UTF8 >/dev/null
    rm -f /tmp/password
    echo "host all all 0.0.0.0/0 scram-sha-256" >> "$data/pg_hba.conf"
    if [ "$database" != postgres ]; then
        runuser -u postgres -- postgres --single -D "$data" postgres <<SQL >/dev/null
CREATE DATABASE "$database";
SQL
    fi
fi
exec runuser -u postgres -- postgres -D "$data" -c listen_addresses='*' -c fsync=off -c synchronous_commit=off
ENTRY
    chmod +x "$work/entrypoint.sh"
    mmdebstrap --variant=minbase --include=postgresql-15 \
        --customize-hook="copy-in $work/entrypoint.sh /usr/local/bin" \
        bookworm "$work/rootfs.tar" >&2
    podman import \
        --change 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'EXPOSE 5432' \
        --change 'ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]' \
        "$work/rootfs.tar" "$image" >&2
fi

if ! [ -S "$socket" ] || ! curl -s --unix-socket "$socket" http://d/_ping >/dev/null 2>&1; then
    mkdir -p "$(dirname "$socket")"
    nohup podman system service --time=0 "unix://$socket" >/tmp/podman-service.log 2>&1 &
    for _ in $(seq 1 50); do
        curl -s --unix-socket "$socket" http://d/_ping >/dev/null 2>&1 && break
        sleep 0.2
    done
fi
curl -s --unix-socket "$socket" http://d/_ping >/dev/null 2>&1 || { say "podman's API socket does not answer"; exit 1; }

echo "DOCKER_HOST=unix://$socket"
echo "TESTCONTAINERS_RYUK_DISABLED=true"
echo "TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1"
echo "INGEST_TEST_IMAGE=$image"
