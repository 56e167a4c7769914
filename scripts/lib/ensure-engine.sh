#!/usr/bin/env bash
# Makes sure a container engine answers. Sourced by scripts/test.
# Sets TOOLSHED_STARTED_DOCKERD=1 when it started dockerd itself, so the caller can stop it at the end.
set -euo pipefail

engine_log() { printf "[ensure-engine] %s\n" "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

engine_answers() {
  docker info >/dev/null 2>&1
}

install_missing_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || command -v podman >/dev/null 2>&1 || missing+=(docker.io)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  # A real image registry on loopback, for the pull-progress tests (tests/Toolshed.Testing/LoopbackRegistry.cs).
  command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
  # A real Prometheus that scrapes the daemon's metrics endpoint (tests/Toolshed.Testing/Telemetry/PrometheusServer.cs).
  command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
  # A real browser for the dashboard's tests, driven by Playwright (no browser download is possible here).
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  # A real terminal for `shed top` (tests/Toolshed.EndToEnd.Tests/Cli/TmuxTerminal.cs).
  command -v tmux >/dev/null 2>&1 || missing+=(tmux)
  if [ "${#missing[@]}" -gt 0 ]; then
    engine_log "installing: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

start_dockerd() {
  local logfile=${TOOLSHED_DOCKERD_LOG:-/tmp/toolshed-dockerd.log}
  # A dockerd killed uncleanly leaves its pid file behind and the next one refuses to start.
  if [ -f /var/run/docker.pid ] && ! pgrep -x dockerd >/dev/null 2>&1; then
    engine_log "removing stale /var/run/docker.pid (no dockerd is running)"
    as_root rm -f /var/run/docker.pid
  fi
  if ! pgrep -x containerd >/dev/null 2>&1 && [ -f /run/docker/containerd/containerd.pid ]; then
    as_root rm -f /run/docker/containerd/containerd.pid
  fi
  engine_log "starting dockerd (log: $logfile)"
  as_root sh -c "nohup dockerd >'$logfile' 2>&1 &"
  for _ in $(seq 1 120); do
    if engine_answers; then
      TOOLSHED_STARTED_DOCKERD=1
      export TOOLSHED_STARTED_DOCKERD
      engine_log "dockerd answers"
      return 0
    fi
    sleep 0.5
  done
  engine_log "dockerd did not answer within 60 s; last lines of $logfile:"
  tail -n 20 "$logfile" >&2 || true
  return 1
}

stop_dockerd_if_started() {
  if [ "${TOOLSHED_STARTED_DOCKERD:-0}" = 1 ]; then
    engine_log "stopping the dockerd this script started"
    as_root pkill -TERM -x dockerd || true
    for _ in $(seq 1 60); do pgrep -x dockerd >/dev/null 2>&1 || return 0; sleep 0.5; done
  fi
}

install_missing_packages
if ! engine_answers; then
  if [ -n "${DOCKER_HOST:-}" ]; then
    engine_log "DOCKER_HOST=$DOCKER_HOST does not answer; unset it or start that engine"
    exit 1
  fi
  start_dockerd
fi
