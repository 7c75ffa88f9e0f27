#!/usr/bin/env bash
#
# infra.sh - run a REAL Kafka broker (KRaft) and a REAL Neo4j server as local JVM processes.
#
# No Docker: the server jars are resolved from Maven Central with the fetch POMs next to this
# script (kafka-dist/pom.xml, neo4j-dist/pom.xml; versions come from the root pom.xml) and
# started with plain `java`. Used for development, by `./odqa up`, and by CI (.ci/run).
#
# Usage:
#   infra.sh fetch  [kafka|neo4j|all]   copy the server jars into $ODQA_HOME/dist (once)
#   infra.sh start  [kafka|neo4j|all]   fetch if needed, start in the background, wait until ready
#   infra.sh stop   [kafka|neo4j|all]   SIGTERM, then SIGKILL after $ODQA_STOP_TIMEOUT; never fails
#   infra.sh status [kafka|neo4j|all]   one line per server: running (pid N) / stopped
#   (no server named = all)
#
# Environment (defaults in brackets):
#   ODQA_HOME             state root [<repo>/.odqa]; holds dist/ (jars), kafka/, neo4j/
#   JAVA_HOME             if set, $JAVA_HOME/bin/java is used, else `java` on PATH (Java 17+)
#   MVN                   Maven command used by fetch [mvn]
#   ODQA_START_TIMEOUT    seconds to wait for a server's readiness log line [120]
#   ODQA_STOP_TIMEOUT     seconds to wait after SIGTERM before SIGKILL [30]
#   KAFKA_PORT            PLAINTEXT broker listener on 127.0.0.1 [9092]
#   KAFKA_CONTROLLER_PORT KRaft controller listener on 127.0.0.1 [9093]
#   KAFKA_HEAP            broker heap flags [-Xms256m -Xmx512m]
#   NEO4J_BOLT_PORT       Bolt listener on 127.0.0.1 [7687]
#   NEO4J_HTTP_PORT       HTTP listener on 127.0.0.1 [7474] (HTTPS is disabled)
#   NEO4J_USER            user name clients use [neo4j] (Neo4j Community only has `neo4j`)
#   NEO4J_PASSWORD        initial password, >= 8 chars [odqa-local-pass]; applied only when the
#                         database is created (first start); later changes are NOT applied
#   NEO4J_AUTH_ENABLED    dbms.security.auth_enabled [true]
#   NEO4J_HEAP            Neo4j max heap [1g]
#   NEO4J_PAGECACHE       Neo4j page cache [256m]
#
# Layout under $ODQA_HOME:
#   dist/kafka-<ver>/lib, dist/neo4j-<ver>/lib   jars (+ .fetched marker, written last)
#   kafka/  config/ (server.properties, log4j2.properties, regenerated on each start),
#           data/ (KRaft metadata + topic logs), logs/ (server.log, kafkaServer.out, gc log),
#           cluster.id, kafka.pid, kafka.ready (PID, written once the server was seen ready)
#   neo4j/  conf/ (neo4j.conf + log configs, regenerated on each start), data/, logs/
#           (neo4j.log, debug.log, neo4j.out), run/, plugins/, import/, neo4j.pid, neo4j.ready
#
# Readiness is the server's own log line, seen in the part of the log written by THIS start
# (the previous log is moved to *.prev before launching). `start` on a server that is running
# but was never seen ready (its start was interrupted) waits for that line too.
#   Kafka: "Kafka Server started" in kafka/logs/server.log
#   Neo4j: "Started."             in neo4j/logs/neo4j.log
#
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
ROOT_POM="$REPO_ROOT/pom.xml"

ODQA_HOME="${ODQA_HOME:-$REPO_ROOT/.odqa}"
MVN="${MVN:-mvn}"
ODQA_START_TIMEOUT="${ODQA_START_TIMEOUT:-120}"
ODQA_STOP_TIMEOUT="${ODQA_STOP_TIMEOUT:-30}"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP="${KAFKA_HEAP:--Xms256m -Xmx512m}"

NEO4J_BOLT_PORT="${NEO4J_BOLT_PORT:-7687}"
NEO4J_HTTP_PORT="${NEO4J_HTTP_PORT:-7474}"
NEO4J_USER="${NEO4J_USER:-neo4j}"
NEO4J_PASSWORD="${NEO4J_PASSWORD:-odqa-local-pass}"
NEO4J_AUTH_ENABLED="${NEO4J_AUTH_ENABLED:-true}"
NEO4J_HEAP="${NEO4J_HEAP:-1g}"
NEO4J_PAGECACHE="${NEO4J_PAGECACHE:-256m}"

ALL_SERVERS=(kafka neo4j)

# ----------------------------------------------------------------------------------------------
# Small helpers
# ----------------------------------------------------------------------------------------------

info() { printf '[infra] %s\n' "$*"; }
warn() { printf '[infra] WARNING: %s\n' "$*" >&2; }
die()  { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

now() { date +%s; }

# Absolute ODQA_HOME: the JVMs run with their own working directory, and the path is part of the
# marker that identifies our processes, so it must be canonical.
init_home() {
  mkdir -p "$ODQA_HOME"
  ODQA_HOME="$(cd "$ODQA_HOME" && pwd)"
}

# Reads a <property> from the root pom.xml: the single place where versions are pinned.
pom_prop() {
  local name="$1" value
  value="$(sed -n "s:.*<${name}>[[:space:]]*\([^<[:space:]]*\)[[:space:]]*</${name}>.*:\1:p" "$ROOT_POM" | head -n1)"
  [[ -n "$value" ]] || die "property <$name> not found in $ROOT_POM"
  printf '%s\n' "$value"
}

server_version() {
  case "$1" in
    kafka) pom_prop kafka.version ;;
    neo4j) pom_prop neo4j.version ;;
  esac
}

dist_dir()   { printf '%s/dist/%s-%s\n' "$ODQA_HOME" "$1" "$(server_version "$1")"; }
server_dir() { printf '%s/%s\n' "$ODQA_HOME" "$1"; }
pid_file()   { printf '%s/%s.pid\n' "$(server_dir "$1")" "$1"; }
# Holds the PID of the process once it was seen ready (see start_servers).
ready_file() { printf '%s/%s.ready\n' "$(server_dir "$1")" "$1"; }

# The log whose line signals readiness, and the file that gets the JVM's own stdout/stderr
# (crashes before logging is set up, e.g. a bad JVM flag, only show up there).
ready_log() {
  case "$1" in
    kafka) printf '%s/logs/server.log\n' "$(server_dir kafka)" ;;
    neo4j) printf '%s/logs/neo4j.log\n' "$(server_dir neo4j)" ;;
  esac
}
out_log() {
  case "$1" in
    kafka) printf '%s/logs/kafkaServer.out\n' "$(server_dir kafka)" ;;
    neo4j) printf '%s/logs/neo4j.out\n' "$(server_dir neo4j)" ;;
  esac
}
# Fixed string that marks readiness (matched with grep -F on a whole line's content).
ready_pattern() {
  case "$1" in
    kafka) printf '%s\n' 'Kafka Server started' ;;
    neo4j) printf '%s\n' ' Started.' ;;
  esac
}

# Every server JVM gets this as its first argument. It ties a process to a server AND to this
# ODQA_HOME, so stop/status find it even when the PID file is missing or stale (PID reuse), and
# never touch a server of another ODQA_HOME.
process_marker() { printf -- '-Dodqa.infra=%s@%s\n' "$1" "$ODQA_HOME"; }

java_bin() {
  if [[ -n "${JAVA_HOME:-}" ]]; then
    [[ -x "$JAVA_HOME/bin/java" ]] || die "JAVA_HOME=$JAVA_HOME has no bin/java"
    printf '%s\n' "$JAVA_HOME/bin/java"
  else
    command -v java >/dev/null 2>&1 || die "java not found: install Java 17+ or set JAVA_HOME"
    command -v java
  fi
}

# Kafka 4.1 and Neo4j 5.26 both need Java 17+ (Neo4j supports 17 and 21).
check_java() {
  local java version major
  java="$(java_bin)"
  version="$("$java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)"
  major="${version%%.*}"
  [[ "$major" =~ ^[0-9]+$ ]] || die "cannot determine the Java version of $java"
  (( major >= 17 )) || die "$java is Java $version; Java 17 or newer is required"
}

# ----------------------------------------------------------------------------------------------
# Processes
# ----------------------------------------------------------------------------------------------

# Alive and not a zombie (a child that died but was not reaped yet still answers kill -0).
pid_alive() {
  local pid="$1" stat
  kill -0 "$pid" 2>/dev/null || return 1
  stat="$(ps -o stat= -p "$pid" 2>/dev/null || true)"
  [[ -n "$stat" && "$stat" != Z* ]]
}

# True if PID is one of OUR server processes (checked by its command line, so a PID file that
# survived a reboot and now points at an unrelated process is not trusted).
pid_is_server() {
  local server="$1" pid="$2"
  pid_alive "$pid" || return 1
  ps -ww -o args= -p "$pid" 2>/dev/null | grep -qF -- "$(process_marker "$server") "
}

# PIDs of running server processes: the PID file's if valid, plus any process carrying the
# marker (covers a deleted or overwritten PID file).
server_pids() {
  local server="$1" file pid args marker table
  file="$(pid_file "$server")"
  marker="$(process_marker "$server") "
  # Snapshot first, match in bash: a `ps | grep MARKER` pipeline would find the grep itself.
  table="$(ps -ww -eo pid=,args= 2>/dev/null || true)"
  {
    if [[ -f "$file" ]]; then
      pid="$(tr -dc '0-9' <"$file" || true)"
      if [[ -n "$pid" ]] && pid_is_server "$server" "$pid"; then
        printf '%s\n' "$pid"
      fi
    fi
    while read -r pid args; do
      if [[ "$args " == *"$marker"* ]]; then printf '%s\n' "$pid"; fi
    done <<<"$table"
  } | sort -un | while read -r pid; do
    # the snapshot may list processes that exited since, or zombies
    if pid_alive "$pid"; then printf '%s\n' "$pid"; fi
  done
  return 0
}

# ----------------------------------------------------------------------------------------------
# fetch
# ----------------------------------------------------------------------------------------------

fetch_server() {
  local server="$1" dist lib partial pom version started
  dist="$(dist_dir "$server")"
  lib="$dist/lib"
  version="$(server_version "$server")"
  if [[ -f "$dist/.fetched" && -d "$lib" ]]; then
    info "$server $version: jars already in $lib"
    return 0
  fi
  pom="$SCRIPT_DIR/$server-dist/pom.xml"
  [[ -f "$pom" ]] || die "missing fetch POM $pom"
  command -v "${MVN%% *}" >/dev/null 2>&1 || die "Maven ('$MVN') not found; it is needed once to fetch the $server jars"
  info "$server $version: fetching jars from Maven Central into $lib ..."
  started="$(now)"
  # Copy into a scratch dir and rename: an interrupted fetch never looks complete. The marker is
  # written only after the rename.
  partial="$dist/lib.partial.$$"
  rm -rf "$partial" "$lib" "$dist/.fetched"
  mkdir -p "$dist"
  # Maven's output goes to a file (shown on failure): it is noisy, and prints color codes
  # even with -q.
  # shellcheck disable=SC2086 # MVN may carry options
  if ! $MVN -B -Dstyle.color=never -f "$pom" dependency:copy-dependencies \
      -DoutputDirectory="$partial" -DincludeScope=runtime >"$dist/fetch.log" 2>&1; then
    rm -rf "$partial"
    tail -n 40 "$dist/fetch.log" >&2
    die "$server: Maven could not fetch the jars; see $dist/fetch.log (command: $MVN -f $pom dependency:copy-dependencies -DoutputDirectory=...)"
  fi
  verify_jars "$server" "$partial"
  mv "$partial" "$lib"
  printf 'server=%s\nversion=%s\njars=%s\nfetched=%s\n' "$server" "$version" \
    "$(find "$lib" -name '*.jar' | wc -l | tr -d ' ')" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$dist/.fetched"
  info "$server $version: $(find "$lib" -name '*.jar' | wc -l | tr -d ' ') jars fetched in $(( $(now) - started ))s"
}

# Sanity checks on a freshly copied lib dir, to fail at fetch time rather than with an obscure
# NoSuchMethodError at start: the server jar of the pinned version is there, and Lucene jars
# (managed by the root pom for the application) all have one version.
verify_jars() {
  local server="$1" dir="$2" version expect lucene_versions
  version="$(server_version "$server")"
  case "$server" in
    kafka) expect="$dir/kafka_2.13-$version.jar" ;;
    neo4j) expect="$dir/neo4j-$version.jar" ;;
  esac
  [[ -f "$expect" ]] || { rm -rf "$dir"; die "$server: $(basename "$expect") missing after fetch"; }
  lucene_versions="$(find "$dir" -name 'lucene-*.jar' | sed 's:.*-\([0-9][0-9.]*\)\.jar$:\1:' | sort -u)"
  if [[ "$(printf '%s' "$lucene_versions" | grep -c .)" -gt 1 ]]; then
    rm -rf "$dir"
    die "$server: mixed Lucene versions fetched ($(tr "\n" " " <<<"$lucene_versions")); align lucene.version in $SCRIPT_DIR/$server-dist/pom.xml with org.neo4j:parent"
  fi
}

# ----------------------------------------------------------------------------------------------
# Kafka
# ----------------------------------------------------------------------------------------------

# Runs a Kafka tool class from the dist jars (no process marker: it is not the server).
kafka_java() {
  "$(java_bin)" -cp "$(dist_dir kafka)/lib/*" "$@"
}

# Regenerated on every start so that env changes (ports, heap) apply; data/ is kept.
kafka_write_config() {
  local dir cfg
  dir="$(server_dir kafka)"
  cfg="$dir/config"
  mkdir -p "$cfg" "$dir/data" "$dir/logs"
  cat >"$cfg/server.properties" <<EOF
# Generated by deployments/local/infra.sh on every start; edits are overwritten.
# Single-node KRaft: this process is both broker and controller.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:${KAFKA_CONTROLLER_PORT}
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:${KAFKA_PORT},CONTROLLER://127.0.0.1:${KAFKA_CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://127.0.0.1:${KAFKA_PORT},CONTROLLER://127.0.0.1:${KAFKA_CONTROLLER_PORT}
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${dir}/data

auto.create.topics.enable=true
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Consumers of a fresh group get partitions at once instead of after 3 s.
group.initial.rebalance.delay.ms=0

num.network.threads=3
num.io.threads=8
log.retention.hours=168
log.segment.bytes=1073741824
EOF
  # Kafka 4 logs through log4j2; kafka-run-class passes -Dkafka.logs.dir, the config uses it.
  cat >"$cfg/log4j2.properties" <<'EOF'
# Generated by deployments/local/infra.sh on every start; edits are overwritten.
name = odqa-kafka
status = warn
appender.server.type = RollingFile
appender.server.name = ServerLog
appender.server.fileName = ${sys:kafka.logs.dir}/server.log
appender.server.filePattern = ${sys:kafka.logs.dir}/server.log.%i
appender.server.layout.type = PatternLayout
appender.server.layout.pattern = [%d] %p %m (%c)%n
appender.server.policies.type = Policies
appender.server.policies.size.type = SizeBasedTriggeringPolicy
appender.server.policies.size.size = 20MB
appender.server.strategy.type = DefaultRolloverStrategy
appender.server.strategy.max = 5
rootLogger.level = INFO
rootLogger.appenderRef.server.ref = ServerLog
# Same noise reduction as Kafka's own config/log4j2.yaml
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.zstd.name = org.apache.kafka.common.compress
logger.zstd.level = WARN
EOF
}

# KRaft storage must be formatted exactly once. The cluster id is generated once and kept, so a
# re-format (after data/ was wiped) reuses it.
kafka_format_storage() {
  local dir id_file cluster_id out port_file
  dir="$(server_dir kafka)"
  id_file="$dir/cluster.id"
  port_file="$dir/data/.odqa-controller-port"
  if [[ -f "$dir/data/meta.properties" ]]; then
    # --standalone stores the controller's endpoint in the metadata log: it cannot move.
    if [[ -f "$port_file" && "$(cat "$port_file")" != "$KAFKA_CONTROLLER_PORT" ]]; then
      die "kafka: storage in $dir/data was formatted for controller port $(cat "$port_file"), not KAFKA_CONTROLLER_PORT=$KAFKA_CONTROLLER_PORT; use that port or delete $dir/data (loses all topics)"
    fi
    return 0
  fi
  if [[ ! -s "$id_file" ]]; then
    cluster_id="$(kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1 | tr -d '[:space:]')"
    [[ -n "$cluster_id" ]] || die "kafka: kafka.tools.StorageTool random-uuid produced no cluster id"
    printf '%s\n' "$cluster_id" >"$id_file"
  fi
  cluster_id="$(tr -d '[:space:]' <"$id_file")"
  info "kafka: formatting KRaft storage (cluster id $cluster_id)"
  if ! out="$(kafka_java kafka.tools.StorageTool format --standalone -t "$cluster_id" \
        -c "$dir/config/server.properties" 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "kafka: formatting the storage in $dir/data failed"
  fi
  printf '%s\n' "$KAFKA_CONTROLLER_PORT" >"$port_file"
  printf '%s\n' "$out" >"$dir/logs/format.log"
}

kafka_prepare() {
  kafka_write_config
  kafka_format_storage
}

# What bin/kafka-server-start.sh -daemon + kafka-run-class.sh pass, minus JMX.
kafka_launch() {
  local dir logs
  dir="$(server_dir kafka)"
  logs="$dir/logs"
  # shellcheck disable=SC2206 # KAFKA_HEAP is a list of flags on purpose
  local heap=($KAFKA_HEAP)
  launch_jvm kafka "$dir" \
    "${heap[@]}" \
    -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true \
    "-Xlog:gc*:file=$logs/kafkaServer-gc.log:time,tags:filecount=2,filesize=20M" \
    -Dkafka.logs.dir="$logs" \
    -Dlog4j2.configurationFile="$dir/config/log4j2.properties" \
    -cp "$(dist_dir kafka)/lib/*" \
    kafka.Kafka "$dir/config/server.properties"
}

# ----------------------------------------------------------------------------------------------
# Neo4j
# ----------------------------------------------------------------------------------------------

# Regenerated on every start so that env changes apply; data/ is kept.
neo4j_write_config() {
  local dir conf
  dir="$(server_dir neo4j)"
  conf="$dir/conf"
  mkdir -p "$conf" "$dir/data" "$dir/logs" "$dir/run" "$dir/plugins" "$dir/import" "$dir/licenses"
  cat >"$conf/neo4j.conf" <<EOF
# Generated by deployments/local/infra.sh on every start; edits are overwritten.
server.directories.data=${dir}/data
server.directories.logs=${dir}/logs
server.directories.run=${dir}/run
server.directories.plugins=${dir}/plugins
server.directories.import=${dir}/import
server.directories.licenses=${dir}/licenses
server.directories.lib=$(dist_dir neo4j)/lib

server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:${NEO4J_BOLT_PORT}
server.bolt.advertised_address=127.0.0.1:${NEO4J_BOLT_PORT}
server.http.enabled=true
server.http.listen_address=127.0.0.1:${NEO4J_HTTP_PORT}
server.http.advertised_address=127.0.0.1:${NEO4J_HTTP_PORT}
server.https.enabled=false

dbms.security.auth_enabled=${NEO4J_AUTH_ENABLED}

# Memory (the java command line gets the heap as -Xmx, like Neo4j's launcher does).
server.memory.heap.max_size=${NEO4J_HEAP}
server.memory.pagecache.size=${NEO4J_PAGECACHE}

# No phoning home from dev machines and CI (which has no internet anyway).
dbms.usage_report.enabled=false
# Transaction logs: the default preallocates 256 MiB files; keep a dev footprint small.
db.tx_log.preallocate=false
db.tx_log.rotation.size=64m
db.tx_log.rotation.retention_policy=2 files

# Bolt waits a 5 s Netty "quiet period" per connector on shutdown (10 s per stop); for a
# local server that has no clients left at stop time that is pure waiting. (An internal setting:
# if a Neo4j upgrade drops it, strict config validation names it at start.)
internal.dbms.bolt.netty_server_shutdown_quiet_period=0

server.logs.config=${conf}/server-logs.xml
server.logs.user.config=${conf}/user-logs.xml
EOF
  # The two log4j2 configs of the 5.26 tarball (debug.log etc. and neo4j.log), minus the
  # console appender: stdout goes to neo4j.out.
  cat >"$conf/server-logs.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by deployments/local/infra.sh; as conf/server-logs.xml of the Neo4j 5.26 tarball. -->
<Configuration status="ERROR" monitorInterval="30" packages="org.neo4j.logging.log4j">
    <Appenders>
        <RollingRandomAccessFile name="DebugLog" fileName="${config:server.directories.logs}/debug.log"
                                 filePattern="$${config:server.directories.logs}/debug.log.%02i">
            <Neo4jDebugLogLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p [%c{1.}] %m%n"/>
            <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
            <DefaultRolloverStrategy fileIndex="min" max="7"/>
        </RollingRandomAccessFile>
        <RollingRandomAccessFile name="HttpLog" fileName="${config:server.directories.logs}/http.log"
                                 filePattern="$${config:server.directories.logs}/http.log.%02i">
            <PatternLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p %m%n"/>
            <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
            <DefaultRolloverStrategy fileIndex="min" max="5"/>
        </RollingRandomAccessFile>
        <RollingRandomAccessFile name="QueryLog" fileName="${config:server.directories.logs}/query.log"
                                 filePattern="$${config:server.directories.logs}/query.log.%02i">
            <PatternLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p %m%n"/>
            <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
            <DefaultRolloverStrategy fileIndex="min" max="7"/>
        </RollingRandomAccessFile>
        <RollingRandomAccessFile name="SecurityLog" fileName="${config:server.directories.logs}/security.log"
                                 filePattern="$${config:server.directories.logs}/security.log.%02i">
            <PatternLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p %m%n"/>
            <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
            <DefaultRolloverStrategy fileIndex="min" max="7"/>
        </RollingRandomAccessFile>
    </Appenders>
    <Loggers>
        <Root level="INFO"><AppenderRef ref="DebugLog"/></Root>
        <Logger name="QueryLogger" level="INFO" additivity="false"><AppenderRef ref="QueryLog"/></Logger>
        <Logger name="HttpLogger" level="INFO" additivity="false"><AppenderRef ref="HttpLog"/></Logger>
        <Logger name="SecurityLogger" level="INFO" additivity="false"><AppenderRef ref="SecurityLog"/></Logger>
    </Loggers>
</Configuration>
EOF
  cat >"$conf/user-logs.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by deployments/local/infra.sh; as conf/user-logs.xml of the Neo4j 5.26 tarball. -->
<Configuration status="ERROR" monitorInterval="30" packages="org.neo4j.logging.log4j">
    <Appenders>
        <RollingRandomAccessFile name="Neo4jLog" fileName="${config:server.directories.logs}/neo4j.log"
                                 filePattern="$${config:server.directories.logs}/neo4j.log.%02i">
            <PatternLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p %m%n"/>
            <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
            <DefaultRolloverStrategy fileIndex="min" max="7"/>
        </RollingRandomAccessFile>
    </Appenders>
    <Loggers>
        <Root level="INFO"><AppenderRef ref="Neo4jLog"/></Root>
    </Loggers>
</Configuration>
EOF
}

# The password must be set before the system database is created (first start); afterwards
# Neo4j ignores it. org.neo4j.cli.AdminTool is what `neo4j-admin` runs in its child JVM.
neo4j_set_initial_password() {
  local dir stamp sum out
  [[ "$NEO4J_AUTH_ENABLED" == "true" ]] || return 0
  dir="$(server_dir neo4j)"
  stamp="$dir/data/.odqa-initial-password"
  sum="$(printf '%s' "$NEO4J_USER:$NEO4J_PASSWORD" | cksum | awk '{print $1}')"
  if [[ -d "$dir/data/databases/system" ]]; then
    if [[ -f "$stamp" && "$(cat "$stamp")" != "$sum" ]]; then
      warn "neo4j: NEO4J_USER/NEO4J_PASSWORD differ from the ones the database was created with; they are NOT applied to an existing database (delete $dir/data to reset it)"
    fi
    return 0
  fi
  [[ "$NEO4J_USER" == "neo4j" ]] || die "neo4j: NEO4J_USER must be 'neo4j' (Neo4j Community has a single initial user)"
  (( ${#NEO4J_PASSWORD} >= 8 )) || die "neo4j: NEO4J_PASSWORD must have at least 8 characters"
  info "neo4j: setting the initial password of user '$NEO4J_USER'"
  if ! out="$(NEO4J_HOME="$dir" NEO4J_CONF="$dir/conf" \
        "$(java_bin)" -cp "$(dist_dir neo4j)/lib/*" -Dfile.encoding=UTF-8 \
        org.neo4j.cli.AdminTool dbms set-initial-password "$NEO4J_PASSWORD" 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "neo4j: setting the initial password failed"
  fi
  printf '%s\n' "$sum" >"$stamp"
}

neo4j_prepare() {
  neo4j_write_config
  neo4j_set_initial_password
}

# The JVM flags of the server.jvm.additional lines in the conf/neo4j.conf that the Neo4j 5.26
# tarball ships (its launcher, org.neo4j.server.startup.Bootloader, passes exactly these, plus
# -Xmx from server.memory.heap.max_size and -Dfile.encoding=UTF-8), except -XX:+AlwaysPreTouch:
# pre-touching commits the whole heap up front, which costs start time and RSS on dev machines.
NEO4J_JVM_FLAGS=(
  -XX:+UseG1GC
  -XX:-OmitStackTraceInFastThrow
  -XX:+UnlockExperimentalVMOptions
  -XX:+TrustFinalNonStaticFields
  -XX:+DisableExplicitGC
  -Djdk.nio.maxCachedBufferSize=1024
  -Dio.netty.tryReflectionSetAccessible=true
  -Djdk.tls.ephemeralDHKeySize=2048
  -Djdk.tls.rejectClientInitiatedRenegotiation=true
  -XX:FlightRecorderOptions=stackdepth=256
  -XX:+UnlockDiagnosticVMOptions
  -XX:+DebugNonSafepoints
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --enable-native-access=ALL-UNNAMED
  -Dlog4j2.disable.jmx=true
  -Dlog4j.layout.jsonTemplate.maxStringLength=32768
  -Dfile.encoding=UTF-8
)

neo4j_launch() {
  local dir
  dir="$(server_dir neo4j)"
  launch_jvm neo4j "$dir" \
    "-Xmx$NEO4J_HEAP" \
    "${NEO4J_JVM_FLAGS[@]}" \
    -cp "$dir/plugins/*:$(dist_dir neo4j)/lib/*" \
    org.neo4j.server.CommunityEntryPoint --home-dir="$dir" --config-dir="$dir/conf"
}

# ----------------------------------------------------------------------------------------------
# start / stop / status
# ----------------------------------------------------------------------------------------------

# Starts `java <marker> ARGS...` detached from this shell's terminal and session (setsid when
# available; nohup so a closing terminal's SIGHUP does not kill it), in the server's directory
# (hs_err files land there), with stdout/stderr to the server's .out file. The child writes its
# own PID (bash's $$ right before exec is the JVM's PID), so the PID file is right even if setsid
# has to fork.
launch_jvm() {
  local server="$1" workdir="$2"; shift 2
  local pidf out detach=()
  pidf="$(pid_file "$server")"
  out="$(out_log "$server")"
  rm -f "$pidf" "$(ready_file "$server")"
  if command -v setsid >/dev/null 2>&1; then detach=(setsid); fi
  (
    cd "$workdir"
    # the server must not inherit (and so hold forever) the lock of this infra.sh run
    exec 9>&-
    # shellcheck disable=SC2016 # $$ and $@ are for the inner bash
    exec ${detach[@]+"${detach[@]}"} nohup bash -c 'echo $$ >"$1"; shift; exec "$@"' odqa-launch \
      "$pidf" "$(java_bin)" "$(process_marker "$server")" "$@" >"$out" 2>&1 </dev/null
  ) &
  # wait (briefly) for the PID file written by the child
  local _
  for _ in $(seq 1 50); do
    [[ -s "$pidf" ]] && break
    sleep 0.1
  done
  [[ -s "$pidf" ]] || { warn "$server: no PID file after launch"; return 1; }
}

# Moves the previous logs aside so that only lines of this start count for readiness (and the
# tail shown on failure is about this start).
rotate_logs() {
  local server="$1" f
  for f in "$(ready_log "$server")" "$(out_log "$server")"; do
    [[ -f "$f" ]] && mv -f "$f" "$f.prev"
  done
  return 0
}

print_log_tail() {
  local server="$1" f first
  f="$(ready_log "$server")"
  if [[ -s "$f" ]]; then
    printf '[infra] ---- last 40 lines of %s ----\n' "$f" >&2
    tail -n 40 "$f" >&2
    # the cause is often above a long stack trace: repeat the last error lines and causes
    first="$(grep -E '(^|[] ])(ERROR|FATAL)[] ]|^Caused by: ' "$f" | tail -n 6 | cut -c1-400 || true)"
    if [[ -n "$first" ]]; then
      printf '[infra] ---- last errors and causes in %s ----\n%s\n' "$f" "$first" >&2
    fi
  else
    printf '[infra] (%s is empty or missing)\n' "$f" >&2
  fi
  f="$(out_log "$server")"
  if [[ -s "$f" ]]; then
    printf '[infra] ---- last 40 lines of %s (JVM stdout/stderr) ----\n' "$f" >&2
    tail -n 40 "$f" >&2
  fi
  printf '[infra] ----\n' >&2
}

# Waits for the readiness line. Returns 0 when ready, 1 on death or timeout (after printing
# the error with the log tails and stopping the process).
wait_ready() {
  local server="$1" started="$2" pid log pattern deadline
  pid="$(tr -dc '0-9' <"$(pid_file "$server")")"
  log="$(ready_log "$server")"
  pattern="$(ready_pattern "$server")"
  deadline=$(( started + ODQA_START_TIMEOUT ))
  while :; do
    if [[ -f "$log" ]] && grep -qF -- "$pattern" "$log"; then
      if [[ "$server" == kafka ]]; then
        kafka_settle "$pid" "$deadline"
      fi
      printf '%s\n' "$pid" >"$(ready_file "$server")"
      info "$server: ready in $(( $(now) - started ))s (pid $pid, $(endpoint "$server"))"
      return 0
    fi
    if ! pid_alive "$pid"; then
      printf '[infra] ERROR: %s exited during startup (pid %s) before logging "%s"; log: %s\n' \
        "$server" "$pid" "$pattern" "$log" >&2
      print_log_tail "$server"
      stop_servers "$server" >/dev/null 2>&1 || true
      return 1
    fi
    if (( $(now) >= deadline )); then
      printf '[infra] ERROR: %s not ready after %ss (no "%s" in %s); stopping it (pid %s)\n' \
        "$server" "$ODQA_START_TIMEOUT" "$pattern" "$log" "$pid" >&2
      print_log_tail "$server"
      stop_servers "$server" >/dev/null 2>&1 || true
      return 1
    fi
    sleep 0.5
  done
}

# "Kafka Server started" is logged when the broker is up, but a client may still need a moment
# (e.g. for its first metadata request to see the broker as registered). Wait until the broker
# port accepts connections, bounded by the start deadline.
kafka_settle() {
  local pid="$1" deadline="$2"
  while (( $(now) < deadline )) && pid_alive "$pid"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null; then
      return 0
    fi
    sleep 0.2
  done
  return 0
}

# Addresses as written in the config the server was started with (status may run with other
# env values than start did).
endpoint() {
  local kafka_port="$KAFKA_PORT" bolt="$NEO4J_BOLT_PORT" http="$NEO4J_HTTP_PORT" f
  f="$(server_dir kafka)/config/server.properties"
  [[ -f "$f" ]] && kafka_port="$(sed -n 's/^listeners=PLAINTEXT:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$f")"
  f="$(server_dir neo4j)/conf/neo4j.conf"
  [[ -f "$f" ]] && bolt="$(sed -n 's/^server.bolt.listen_address=.*:\([0-9]*\)$/\1/p' "$f")"
  [[ -f "$f" ]] && http="$(sed -n 's/^server.http.listen_address=.*:\([0-9]*\)$/\1/p' "$f")"
  case "$1" in
    kafka) printf 'bootstrap 127.0.0.1:%s' "$kafka_port" ;;
    neo4j) printf 'bolt://127.0.0.1:%s, http://127.0.0.1:%s' "$bolt" "$http" ;;
  esac
}

start_servers() {
  local servers=("$@") to_start=() server pids pid rc=0 var
  check_java
  for server in "${servers[@]}"; do
    pids="$(server_pids "$server" | tr '\n' ' ')"
    if [[ -n "${pids// /}" ]]; then
      pid="${pids%% *}"
      # keep the PID file in line with reality (e.g. after it was deleted)
      printf '%s\n' "$pid" >"$(pid_file "$server")"
      if [[ "$(cat "$(ready_file "$server")" 2>/dev/null || true)" == "$pid" ]]; then
        info "$server: already running (pid ${pids% })"
      else
        # launched by a start that was interrupted before it saw the server ready
        info "$server: already running (pid $pid) but not seen ready yet; waiting"
        wait_ready "$server" "$(now)" || rc=1
      fi
      continue
    fi
    to_start+=("$server")
  done
  (( ${#to_start[@]} > 0 )) || return "$rc"

  for server in "${to_start[@]}"; do fetch_server "$server"; done
  for server in "${to_start[@]}"; do "${server}_prepare"; done
  # Launch all, then wait for all: the servers boot in parallel.
  for server in "${to_start[@]}"; do
    rotate_logs "$server"
    info "$server: starting (logs: $(ready_log "$server"))"
    printf -v "started_at_$server" '%s' "$(now)"
    "${server}_launch" || { rc=1; continue; }
  done
  for server in "${to_start[@]}"; do
    [[ -f "$(pid_file "$server")" ]] || { rc=1; continue; }
    var="started_at_$server"
    wait_ready "$server" "${!var}" || rc=1
  done
  return "$rc"
}

# SIGTERM every process of every named server, then wait for all of them together; SIGKILL what
# is left after ODQA_STOP_TIMEOUT. Never fails: a server that is not running is just reported.
stop_servers() {
  local server pid deadline left var pids
  for server in "$@"; do
    pids="$(server_pids "$server" | tr '\n' ' ')"
    printf -v "stop_pids_$server" '%s' "$pids"
    if [[ -z "${pids// /}" ]]; then
      info "$server: not running"
      rm -f "$(pid_file "$server")" "$(ready_file "$server")"
      continue
    fi
    info "$server: stopping (pid ${pids% })"
    for pid in $pids; do kill -TERM "$pid" 2>/dev/null || true; done
  done
  deadline=$(( $(now) + ODQA_STOP_TIMEOUT ))
  for server in "$@"; do
    var="stop_pids_$server"
    pids="${!var}"
    [[ -n "${pids// /}" ]] || continue
    while :; do
      left=""
      for pid in $pids; do if pid_alive "$pid"; then left+="$pid "; fi; done
      [[ -z "$left" ]] && break
      if (( $(now) >= deadline )); then
        warn "$server: still running ${ODQA_STOP_TIMEOUT}s after SIGTERM; sending SIGKILL to $left"
        for pid in $left; do kill -KILL "$pid" 2>/dev/null || true; done
        sleep 0.5
        break
      fi
      sleep 0.3
    done
    rm -f "$(pid_file "$server")" "$(ready_file "$server")"
    info "$server: stopped"
  done
  return 0
}

status_servers() {
  local server pids
  for server in "$@"; do
    pids="$(server_pids "$server" | tr '\n' ' ')"
    if [[ -n "${pids// /}" ]]; then
      printf '%s: running (pid %s) %s\n' "$server" "${pids% }" "$(endpoint "$server")"
    else
      printf '%s: stopped\n' "$server"
    fi
  done
}

# Serialises concurrent infra.sh invocations on the same ODQA_HOME (e.g. two terminals running
# `./odqa up`), where flock(1) exists (Linux); elsewhere this is best effort.
take_lock() {
  local lock="$ODQA_HOME/.infra.lock"
  command -v flock >/dev/null 2>&1 || return 0
  exec 9>"$lock"
  flock -n 9 && return 0
  info "waiting for another infra.sh run on $ODQA_HOME (lock $lock) ..."
  flock -w "$(( 2 * ODQA_START_TIMEOUT + ODQA_STOP_TIMEOUT + 300 ))" 9 \
    || die "another infra.sh run still holds $lock"
}

usage() {
  sed -n '3,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
}

main() {
  local cmd="${1:-}" target="${2:-all}" servers=()
  case "$target" in
    all) servers=("${ALL_SERVERS[@]}") ;;
    kafka|neo4j) servers=("$target") ;;
    *) usage >&2; die "unknown server '$target' (expected kafka, neo4j or all)" ;;
  esac
  [[ $# -le 2 ]] || { usage >&2; die "too many arguments"; }
  [[ "$ODQA_START_TIMEOUT" =~ ^[0-9]+$ ]] || die "ODQA_START_TIMEOUT must be a number of seconds"
  [[ "$ODQA_STOP_TIMEOUT" =~ ^[0-9]+$ ]] || die "ODQA_STOP_TIMEOUT must be a number of seconds"
  case "$cmd" in
    fetch)  init_home; take_lock; local s; for s in "${servers[@]}"; do fetch_server "$s"; done ;;
    start)  init_home; take_lock; start_servers "${servers[@]}" ;;
    stop)   init_home; take_lock; stop_servers "${servers[@]}" ;;
    status) init_home; status_servers "${servers[@]}" ;;
    -h|--help|help) usage ;;
    *) usage >&2; die "unknown command '${cmd}' (expected fetch, start, stop or status)" ;;
  esac
}

main "$@"
