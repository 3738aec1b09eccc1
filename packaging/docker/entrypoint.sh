#!/usr/bin/env bash
# Entry point of the claude-proxy container: gives the claude CLI a ~/.claude.json of its own,
# seeded from the host's (compose.yaml mounts it read-only at $HOST_CLAUDE_JSON), then runs the
# server with the container's arguments.
#
# Why a copy: the CLI replaces ~/.claude.json on every run by writing a temporary file beside it
# and renaming it over the old one, and a bind-mounted single file cannot be renamed over (EBUSY);
# the CLI would fall back to rewriting the host's file in place, racing the host's own claude
# sessions. The copy holds nothing that must go back (start counters, caches); the login itself,
# including refreshed tokens, lives in ~/.claude/, which is mounted as a directory and written
# through.
set -euo pipefail

host_config=${HOST_CLAUDE_JSON:-/run/claude-host/claude.json}
own_config="$HOME/.claude.json"

if [[ -f "$host_config" && ! -e "$own_config" ]]; then
    install -m 0600 "$host_config" "$own_config"
fi
exec claude-proxy "$@"
