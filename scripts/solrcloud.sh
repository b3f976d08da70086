#!/usr/bin/env bash
# Dev/test SolrCloud cluster for Warta: embedded ZooKeeper + N Solr 9.10.1 nodes in one JVM
# (deploy/solrcloud, Solr's own MiniSolrCloudCluster), with Warta's configset uploaded as "warta".
#
#   scripts/solrcloud.sh prefetch                 download the launcher's Maven dependencies (online, once)
#   scripts/solrcloud.sh build                    build the launcher offline (done by start when needed)
#   scripts/solrcloud.sh start [--nodes N] [--dir DIR]   start in the background, wait, print the base URL
#   scripts/solrcloud.sh stop [--dir DIR]         SIGTERM, wait, then SIGKILL
#   scripts/solrcloud.sh status [--dir DIR]       one JSON line: nodes (running/live) and replica states
#   scripts/solrcloud.sh stop-node K [--dir DIR]  stop Solr node K (1..N); waits until it left live_nodes
#   scripts/solrcloud.sh start-node K [--dir DIR] restart node K on its old port; waits for its replicas
#   scripts/solrcloud.sh url [--dir DIR]          base URL of node 1, e.g. http://127.0.0.1:PORT/solr
#   scripts/solrcloud.sh urls [--dir DIR]         base URLs of all nodes, one a line
#   scripts/solrcloud.sh live-url [--dir DIR]     base URL of the first node that is running now
#   scripts/solrcloud.sh zkhost [--dir DIR]       ZooKeeper connect string incl. chroot (127.0.0.1:PORT/solr)
#   scripts/solrcloud.sh env [--dir DIR]          SOLR_URL=... SOLR_ZK_HOST=... lines for eval
#   scripts/solrcloud.sh upload-configset [--dir DIR]  re-upload deploy/solrcloud/configset/warta (then RELOAD)
#
# DIR defaults to target/solrcloud under the repository root. Files in DIR:
#   state.json (while running), launcher.pid, launcher.log (stdout+stderr), logs/solr.log, cluster/
#
# Environment: WARTA_SOLRCLOUD_HEAP (default 1g), WARTA_SOLRCLOUD_JAVA_OPTS (extra JVM options),
#   WARTA_SOLRCLOUD_TIMEOUT (start timeout in seconds, default 120), JAVA (default java), MVN (default mvn).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$SCRIPT_DIR/.." && pwd)"
PROJ="$REPO/deploy/solrcloud"
JAR="$PROJ/target/warta-solrcloud.jar"
CONFIGSET="$PROJ/configset/warta/conf"
JAVA="${JAVA:-java}"
MVN="${MVN:-mvn}"
HEAP="${WARTA_SOLRCLOUD_HEAP:-1g}"
TIMEOUT="${WARTA_SOLRCLOUD_TIMEOUT:-120}"

die() { echo "solrcloud.sh: $*" >&2; exit 1; }

usage() {
  sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

# ---------------------------------------------------------------- arguments
CMD="${1:-}"
[ -n "$CMD" ] || usage 2
shift
NODES=2
DIR=""
NODE_K=""
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) [ $# -ge 2 ] || die "--nodes needs a value"; NODES="$2"; shift 2 ;;
    --nodes=*) NODES="${1#*=}"; shift ;;
    --dir) [ $# -ge 2 ] || die "--dir needs a value"; DIR="$2"; shift 2 ;;
    --dir=*) DIR="${1#*=}"; shift ;;
    -h|--help) usage 0 ;;
    [0-9]*) NODE_K="$1"; shift ;;
    *) die "unknown argument: $1 (see: scripts/solrcloud.sh --help)" ;;
  esac
done
[ -n "$DIR" ] || DIR="$REPO/target/solrcloud"
case "$DIR" in /*) ;; *) DIR="$PWD/$DIR" ;; esac
STATE="$DIR/state.json"
PIDFILE="$DIR/launcher.pid"
LOG="$DIR/launcher.log"

# ---------------------------------------------------------------- helpers
# top-level string/number field of state.json (the launcher writes one key per line)
state_field() {
  [ -f "$STATE" ] || return 1
  sed -n "s/^  \"$1\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}\$/\1/p" "$STATE" | head -n 1
}

# pid of a live launcher for DIR, or nothing
launcher_pid() {
  local pid=""
  [ -f "$PIDFILE" ] && pid="$(cat "$PIDFILE" 2>/dev/null || true)"
  [ -n "$pid" ] || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  # guard against a recycled pid: it must be our launcher jar
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "warta-solrcloud.jar" || return 1
  echo "$pid"
}

require_running() {
  launcher_pid >/dev/null || die "no cluster running for $DIR (start it: scripts/solrcloud.sh start --dir $DIR)"
  [ -f "$STATE" ] || die "cluster for $DIR is starting or stopping (no $STATE yet)"
}

# send one control line, print the one-line JSON reply
control() {
  require_running
  local port reply
  port="$(state_field controlPort)"
  [ -n "$port" ] || die "no controlPort in $STATE"
  exec 3<>"/dev/tcp/127.0.0.1/$port" || die "cannot connect to control port $port"
  printf '%s\n' "$*" >&3
  IFS= read -r -t 600 reply <&3 || { exec 3<&-; die "no reply from control port $port"; }
  exec 3<&- 3>&-
  echo "$reply"
  case "$reply" in *'"ok":true'*) return 0 ;; *) return 1 ;; esac
}

jar_is_fresh() {
  [ -f "$JAR" ] && [ -d "$PROJ/target/lib" ] || return 1
  # rebuild when the pom or a source/resource is newer than the jar
  [ -z "$(find "$PROJ/pom.xml" "$PROJ/src" -newer "$JAR" -type f 2>/dev/null | head -n 1)" ]
}

build() {
  command -v "$MVN" >/dev/null || die "Maven ($MVN) not found; it is needed once to build deploy/solrcloud"
  echo "solrcloud.sh: building the launcher (mvn -o package in deploy/solrcloud) ..." >&2
  if ! "$MVN" -B -q -o -Dstyle.color=never -f "$PROJ/pom.xml" package >"$PROJ/.build.log" 2>&1; then
    tail -n 25 "$PROJ/.build.log" >&2 || true
    die "offline build failed (log: $PROJ/.build.log). If dependencies are not cached yet, run once with network access to Maven Central: scripts/solrcloud.sh prefetch"
  fi
  rm -f "$PROJ/.build.log"
  [ -f "$JAR" ] || die "build finished but $JAR is missing"
}

# ---------------------------------------------------------------- commands
cmd_start() {
  case "$NODES" in ''|*[!0-9]*) die "--nodes must be a number" ;; esac
  [ "$NODES" -ge 1 ] || die "--nodes must be >= 1"
  if pid="$(launcher_pid)"; then
    if [ -f "$STATE" ]; then
      echo "solrcloud.sh: already running (pid $pid, dir $DIR)" >&2
      state_field baseUrl
      return 0
    fi
    die "a launcher (pid $pid) for $DIR is still starting or stopping; try again or run: scripts/solrcloud.sh stop --dir $DIR"
  fi
  command -v "$JAVA" >/dev/null || die "java ($JAVA) not found (JDK 17+ needed)"
  jar_is_fresh || build
  mkdir -p "$DIR"
  rm -f "$STATE" "$PIDFILE"
  # shellcheck disable=SC2086
  nohup "$JAVA" -Xmx"$HEAP" -Xms256m -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
    -Djava.net.preferIPv4Stack=true ${WARTA_SOLRCLOUD_JAVA_OPTS:-} \
    -jar "$JAR" --nodes "$NODES" --dir "$DIR" --configset "$CONFIGSET" \
    >"$LOG" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$PIDFILE"
  local t0=$SECONDS
  while :; do
    if [ -f "$STATE" ] && grep -q "\"pid\": $pid," "$STATE" 2>/dev/null; then
      if out="$(control ping 2>/dev/null)"; then break; fi
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "solrcloud.sh: the launcher exited during startup; last lines of $LOG:" >&2
      tail -n 40 "$LOG" >&2 || true
      rm -f "$PIDFILE"
      exit 1
    fi
    if [ $((SECONDS - t0)) -ge "$TIMEOUT" ]; then
      echo "solrcloud.sh: cluster not healthy after ${TIMEOUT}s; last lines of $LOG:" >&2
      tail -n 40 "$LOG" >&2 || true
      [ -f "$DIR/logs/solr.log" ] && { echo "--- $DIR/logs/solr.log:" >&2; tail -n 20 "$DIR/logs/solr.log" >&2; }
      kill -TERM "$pid" 2>/dev/null || true
      sleep 5
      kill -KILL "$pid" 2>/dev/null || true
      rm -f "$PIDFILE"
      exit 1
    fi
    sleep 0.3
  done
  echo "solrcloud.sh: $NODES nodes up in $((SECONDS - t0))s (pid $pid, dir $DIR)" >&2
  state_field baseUrl
}

cmd_stop() {
  local pid
  if ! pid="$(launcher_pid)"; then
    echo "solrcloud.sh: not running ($DIR)" >&2
    rm -f "$PIDFILE" "$STATE"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 300); do # 30 s
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "solrcloud.sh: pid $pid still alive after 30s, sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$PIDFILE" "$STATE"
  echo "solrcloud.sh: stopped (pid $pid)" >&2
}

case "$CMD" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) control status ;;
  stop-node|start-node)
    case "$NODE_K" in ''|*[!0-9]*) die "$CMD needs a node number K (1..N)" ;; esac
    control "$CMD $NODE_K" ;;
  upload-configset) control upload-configset ;;
  url) require_running; state_field baseUrl ;;
  urls) require_running; sed -n 's/.*"baseUrl": "\([^"]*\)", "nodeName".*/\1/p' "$STATE" ;;
  live-url)
    require_running
    u="$(sed -n 's/.*"baseUrl": "\([^"]*\)", "nodeName".*"running": true}.*/\1/p' "$STATE" | head -n 1)"
    [ -n "$u" ] || die "no Solr node is running"
    echo "$u" ;;
  zkhost) require_running; state_field zkHost ;;
  env)
    require_running
    echo "SOLR_URL=$(state_field baseUrl)"
    echo "SOLR_ZK_HOST=$(state_field zkHost)"
    echo "SOLR_URLS=$(sed -n 's/.*"baseUrl": "\([^"]*\)", "nodeName".*/\1/p' "$STATE" | paste -sd, -)"
    ;;
  build) build; echo "$JAR" ;;
  prefetch)
    command -v "$MVN" >/dev/null || die "Maven ($MVN) not found"
    # resolves the dependencies and every plugin the build uses, so that later builds work with -o
    "$MVN" -B -q -Dstyle.color=never -f "$PROJ/pom.xml" dependency:go-offline package
    echo "$JAR"
    ;;
  -h|--help|help) usage 0 ;;
  *) die "unknown command: $CMD (see: scripts/solrcloud.sh --help)" ;;
esac
