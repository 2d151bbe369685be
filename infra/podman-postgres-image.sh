#!/usr/bin/env bash
# Builds a PostgreSQL 15 container image from Debian's own packages, for machines that reach Debian's
# apt mirror but no container registry. The image answers to what Testcontainers.PostgreSql expects of
# the official postgres image: POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB, port 5432, pg_isready,
# and extra "-c name=value" arguments passed on to the server.
#
# Usage: infra/podman-postgres-image.sh [image-name]   (default localhost/ingestworker-postgres:15)
# Skips the build when the image already exists; FORCE=1 rebuilds it.
set -euo pipefail

image=${1:-localhost/ingestworker-postgres:15}

if [ "${FORCE:-0}" != 1 ] && podman image exists "$image"; then
    echo "image $image already built"
    exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The entrypoint does what the official image's does, minus what these tests never use
# (initdb scripts, other auth methods). The database is created in single-user mode so no
# temporary server ever answers pg_isready before the real one is up.
cat > "$work/entrypoint.sh" <<'ENTRY'
#!/bin/sh
set -eu
if [ "${1#-}" != "$1" ]; then
    set -- postgres "$@"
fi
if [ "${1:-}" != postgres ]; then
    exec "$@"
fi
shift

user=${POSTGRES_USER:-postgres}
db=${POSTGRES_DB:-$user}
data=${PGDATA:-/var/lib/postgresql/data}
if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    echo "POSTGRES_PASSWORD must be set" >&2
    exit 1
fi

mkdir -p "$data" /var/run/postgresql
chown postgres:postgres "$data" /var/run/postgresql
chmod 700 "$data"

as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }

if [ ! -s "$data/PG_VERSION" ]; then
    pwfile=$(mktemp)
    printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
    chown postgres "$pwfile"
    as_postgres initdb -D "$data" -U "$user" --pwfile="$pwfile" -E UTF8 --no-locale \
        --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    rm -f "$pwfile"
    printf 'host all all 0.0.0.0/0 scram-sha-256\nhost all all ::/0 scram-sha-256\n' >> "$data/pg_hba.conf"
    if [ "$db" != postgres ]; then
        # Identifiers are quoted the SQL way: a double quote doubled.
        quoted=$(printf '%s' "$db" | sed 's/"/""/g')
        echo "CREATE DATABASE \"$quoted\" OWNER \"$(printf '%s' "$user" | sed 's/"/""/g')\";" |
            as_postgres postgres --single -D "$data" postgres >/dev/null
    fi
fi

exec setpriv --reuid=postgres --regid=postgres --init-groups postgres -D "$data" -c listen_addresses='*' "$@"
ENTRY
chmod 755 "$work/entrypoint.sh"

started=$(date +%s)
# The Debian mirror the host already uses; stdin closed so mmdebstrap never waits for a sources list there.
mmdebstrap --quiet --variant=minbase --include=postgresql-15 \
    --customize-hook='rm -rf "$1"/var/lib/postgresql/15 "$1"/etc/postgresql/15' \
    --customize-hook="copy-in $work/entrypoint.sh /usr/local/bin" \
    --customize-hook='rm -rf "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/*' \
    bookworm "$work/rootfs.tar" "deb http://deb.debian.org/debian bookworm main" </dev/null

podman import \
    --change 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV PGDATA=/var/lib/postgresql/data' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]' \
    --change 'CMD ["postgres"]' \
    --change 'EXPOSE 5432' \
    --change 'STOPSIGNAL SIGINT' \
    --quiet "$work/rootfs.tar" "$image" >/dev/null
echo "image $image built in $(( $(date +%s) - started )) s"
