#!/usr/bin/env bash
# The developer commands themselves, on a server of their own (target/commands-test, port offset 400, beside a dev
# server and the test servers): start records the JVM's own process id, stop really ends that JVM and waits for it,
# a JVM that does not stop is killed and the command says so, a second start keeps the previous run's log, --help
# runs nothing, and a production server is provisioned without the sample resources. Run by ./conveyor test after
# the build, which made the EAR deployed here.
set -euo pipefail
cd "$(dirname "$0")/.."
export CONVEYOR_SERVER_DIR=target/commands-test
server=$CONVEYOR_SERVER_DIR
out=$(mktemp)
trap 'rm -f "$out"; [ -f "$server/server.pid" ] && kill -KILL "$(cat "$server/server.pid")" 2>/dev/null; true' EXIT

fail() { echo "conveyor-commands: FAILED: $*" >&2; exit 1; }
pass() { echo "conveyor-commands: ok: $*"; }

./conveyor bench --help > "$out" || fail "bench --help failed"
grep -q -- "--ear dir/conveyor.ear" "$out" || fail "bench --help did not print the usage: $(cat "$out")"
[ ! -d target/bench ] || [ -z "$(find target/bench -newer "$out" -print -quit)" ] || fail "bench --help started a benchmark"
pass "--help prints the usage and runs nothing"

rm -rf "$server"
./conveyor start --no-build --port-offset 400
pid=$(cat "$server/server.pid")
[ "$(ps -o comm= -p "$pid")" = java ] || fail "server.pid holds $pid, which is not the server's JVM"
curl -sf http://127.0.0.1:8480/api/adapters >/dev/null || fail "the started server does not answer on 8480"
pass "start records the JVM's process id ($pid) and the server answers"

./conveyor stop | tee "$out"
! kill -0 "$pid" 2>/dev/null || fail "the JVM $pid still runs after ./conveyor stop said: $(cat "$out")"
grep -q "stopped (pid $pid)" "$out" || fail "stop did not say it stopped pid $pid"
pass "stop ends the JVM and waits for it"

echo "marker of the first run" >> "$server/server.log"
./conveyor start --no-build --port-offset 400
grep -q "marker of the first run" "$server/server.log.previous" || fail "the first run's server.log was not kept"
! grep -q "marker of the first run" "$server/server.log" || fail "server.log was not started afresh"
pass "a second start keeps the previous log as server.log.previous"

pid=$(cat "$server/server.pid")
kill -STOP "$pid"
CONVEYOR_STOP_SECONDS=5 ./conveyor stop | tee "$out"
! kill -0 "$pid" 2>/dev/null || fail "a JVM that did not stop is still running"
grep -q "did not stop within 5 s: killing it" "$out" || fail "stop did not say it killed the JVM"
pass "a JVM that does not stop is killed, and stop says so"

# A production server (provision.sh without --samples) gets no sample resources: no sample target database the SQL
# connector could be pointed at, no sample queue.
production=target/commands-test/production
mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack -N \
  -Dartifact=org.wildfly:wildfly-dist:"$(sed -n 's/^WILDFLY_VERSION=//p' conveyor)":zip -DoutputDirectory="$production" \
  -Dmdep.overWriteReleases=true
bash ear/src/main/server/provision.sh --home "$(ls -d "$production"/wildfly-*)" --db h2 >/dev/null
configuration=$(ls "$production"/wildfly-*/standalone/configuration/standalone-full.xml)
! grep -q "SampleTargetDS\|conveyor.sample" "$configuration" || fail "a production server was provisioned with the samples"
grep -q "conveyor-sql" "$configuration" || fail "the production server has no SQL connector entry"
pass "a production server is provisioned without the sample resources"
