#!/usr/bin/env bash
# Builds a stand-in for the official .NET images (one image serves as both the SDK and the ASP.NET runtime)
# from Debian's packages and the .NET SDK installed on this machine, for machines that reach Debian's apt
# mirror but no container registry. infra/Dockerfile takes it through its SDK_IMAGE and RUNTIME_IMAGE
# build arguments.
#
# Usage: infra/podman-dotnet-image.sh [image-name]   (default localhost/ingestworker-dotnet:10.0)
# Skips the build when the image already exists; FORCE=1 rebuilds it.
set -euo pipefail

image=${1:-localhost/ingestworker-dotnet:10.0}

if [ "${FORCE:-0}" != 1 ] && podman image exists "$image"; then
    echo "image $image already built"
    exit 0
fi

dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

started=$(date +%s)
# What .NET needs on Debian 12, then this machine's SDK (its runtimes included) in the usual place.
mmdebstrap --quiet --variant=minbase --include=ca-certificates,libicu72,libssl3,zlib1g,tzdata \
    --customize-hook="mkdir -p \"\$1/usr/share\" && cp -a '$dotnet_root' \"\$1/usr/share/dotnet\"" \
    --customize-hook='ln -sf /usr/share/dotnet/dotnet "$1"/usr/bin/dotnet' \
    --customize-hook='rm -rf "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/*' \
    bookworm "$work/rootfs.tar" "deb http://deb.debian.org/debian bookworm main" </dev/null

podman import \
    --change 'ENV PATH=/usr/share/dotnet:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV DOTNET_ROOT=/usr/share/dotnet' \
    --change 'ENV DOTNET_CLI_TELEMETRY_OPTOUT=1' \
    --change 'ENV DOTNET_NOLOGO=1' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["bash"]' \
    --quiet "$work/rootfs.tar" "$image" >/dev/null
echo "image $image built in $(( $(date +%s) - started )) s"
