#!/usr/bin/env bash
# Start, stop or check the real services Osmosi's tests and development use, without Docker:
#   Neo4j Community 5.26 (embedded in services/neo4j-launcher, Bolt on 127.0.0.1)
#   Redis (Debian's redis-server, installed with apt-get when missing)
# Usage: services/dev-services.sh start|stop|status
#        services/dev-services.sh run -- COMMAND...   (start what is not running, run COMMAND,
#                                                       then stop only what this call started)
# Ports and state: OSMOSI_DEV_NEO4J_PORT (17687), OSMOSI_DEV_REDIS_PORT (16379),
# OSMOSI_DEV_STATE (.services/ in the repository).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${OSMOSI_DEV_STATE:-$ROOT/.services}"
NEO4J_PORT="${OSMOSI_DEV_NEO4J_PORT:-17687}"
REDIS_PORT="${OSMOSI_DEV_REDIS_PORT:-16379}"
LAUNCHER="$ROOT/services/neo4j-launcher"

log() { printf '[dev-services] %s\n' "$*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_port() {  # port, seconds, name
  local deadline=$((SECONDS + $2))
  until port_open "$1"; do
    if ((SECONDS > deadline)); then log "$3 did not open port $1 within $2 s"; return 1; fi
    sleep 0.5
  done
}

build_launcher() {
  if [[ -f "$LAUNCHER/target/classes/io/osmosi/launcher/Launcher.class" && -d "$LAUNCHER/target/lib" ]]; then
    return
  fi
  command -v mvn >/dev/null || { log "Maven (mvn) is required to build the Neo4j launcher"; exit 1; }
  log "building the Neo4j launcher (downloads Neo4j 5.26 from Maven Central once)"
  mvn -q -B -f "$LAUNCHER/pom.xml" package -DskipTests
}

start_neo4j() {
  if port_open "$NEO4J_PORT"; then log "neo4j already listening on $NEO4J_PORT"; return; fi
  build_launcher
  mkdir -p "$STATE/neo4j"
  log "starting neo4j on bolt://127.0.0.1:$NEO4J_PORT"
  nohup java -Xms1g -Xmx2g -cp "$LAUNCHER/target/classes:$LAUNCHER/target/lib/*" \
    io.osmosi.launcher.Launcher "$STATE/neo4j/home" "$NEO4J_PORT" 512 \
    >"$STATE/neo4j/launcher.log" 2>&1 &
  echo $! >"$STATE/neo4j/pid"
  local deadline=$((SECONDS + 180))
  until grep -q OSMOSI-NEO4J-READY "$STATE/neo4j/launcher.log" 2>/dev/null; do
    if ! kill -0 "$(cat "$STATE/neo4j/pid")" 2>/dev/null; then
      log "neo4j exited during start; see $STATE/neo4j/launcher.log"; tail -n 20 "$STATE/neo4j/launcher.log" >&2; exit 1
    fi
    if ((SECONDS > deadline)); then log "neo4j not ready after 180 s"; exit 1; fi
    sleep 1
  done
  log "neo4j ready"
}

install_redis() {
  command -v redis-server >/dev/null && return
  log "installing Debian's redis-server"
  local sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null
}

start_redis() {
  if port_open "$REDIS_PORT"; then log "redis already listening on $REDIS_PORT"; return; fi
  install_redis
  mkdir -p "$STATE/redis"
  log "starting redis on 127.0.0.1:$REDIS_PORT"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$STATE/redis" \
    --daemonize yes --pidfile "$STATE/redis/pid" --logfile "$STATE/redis/redis.log" \
    --save "" --appendonly yes
  wait_for_port "$REDIS_PORT" 30 redis
  log "redis ready"
}

stop_one() {  # name
  local pidfile="$STATE/$1/pid"
  [[ -f "$pidfile" ]] || return 0
  local pid; pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $1 (pid $pid)"
    kill "$pid"
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$pidfile"
}

status() {
  port_open "$NEO4J_PORT" && echo "neo4j: up (bolt://127.0.0.1:$NEO4J_PORT)" || echo "neo4j: down"
  port_open "$REDIS_PORT" && echo "redis: up (redis://127.0.0.1:$REDIS_PORT)" || echo "redis: down"
}

run_with_services() {
  local started=()
  port_open "$REDIS_PORT" || started+=(redis)
  port_open "$NEO4J_PORT" || started+=(neo4j)
  # shellcheck disable=SC2064  # expand the list now
  trap "for s in ${started[*]:-}; do stop_one \$s; done" EXIT
  start_redis
  start_neo4j
  export OSMOSI_TEST_NEO4J_URI="bolt://127.0.0.1:$NEO4J_PORT"
  export OSMOSI_TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
  "$@"
}

case "${1:-}" in
  start) start_redis; start_neo4j ;;
  stop) stop_one neo4j; stop_one redis ;;
  status) status ;;
  run) shift; [[ "${1:-}" == "--" ]] && shift; run_with_services "$@" ;;
  *) echo "usage: $0 start|stop|status|run -- COMMAND..." >&2; exit 2 ;;
esac
