#!/bin/bash
# The image's readiness probe, for the compose healthcheck: succeeds when the worker's /health/ready
# answers 200. The image has no curl; bash's /dev/tcp is enough. Usage: ingest-ready [PORT] (5080).
exec 3<>"/dev/tcp/127.0.0.1/${1:-5080}" || exit 1
printf 'GET /health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
read -r _ status _ <&3
[ "$status" = 200 ]
