#!/usr/bin/env bash
# The developer commands themselves, on a server of their own (target/commands-test, port offset 400, beside a dev
# server and the test servers): start records the JVM's own process id, stop really ends that JVM and waits for it,
# a JVM that does not stop is killed and the command says so, a second start keeps the previous run's log, --help
# runs nothing, development mode's password (management and REST API) is random and private, the REST API refuses
# requests without valid credentials, a changed server configuration is installed over the running server keeping its
# MessageBox, --db postgresql starts the same server on PostgreSQL, and
# a production server is provisioned without the sample resources. Run by ./conveyor test after the build, which made
# the EAR deployed here.
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

# The server module as the build made it for production (no dev profile): no sample resources, no users.
mvn -B -q package -pl server > "$out" 2>&1 || { cat "$out"; fail "the server module did not build"; }
configuration=server/target/wildfly/standalone/configuration/standalone.xml
! grep -q "SampleTargetDS\|conveyor.sample" "$configuration" || fail "a production server was provisioned with the samples"
grep -q "conveyor-sql" "$configuration" || fail "the production server has no SQL connector entry"
! grep -q "^[^#]" server/target/wildfly/standalone/configuration/mgmt-users.properties || fail "the production server has a management user"
! grep -q "^[^#]" server/target/wildfly/standalone/configuration/application-users.properties || fail "the production server has a REST API user"
pass "a production server is provisioned without the sample resources and without users"

rm -rf "$server"
./conveyor start --no-build --port-offset 400 | tee "$out"
pid=$(cat "$server/server.pid")
[ "$(ps -o comm= -p "$pid")" = java ] || fail "server.pid holds $pid, which is not the server's JVM"
password=$(cat "$server/admin-password")
auth="conveyor:$password"
curl -sf -u "$auth" http://127.0.0.1:8480/api/adapters >/dev/null || fail "the started server does not answer on 8480"
pass "start records the JVM's process id ($pid) and the server answers"

[ "$(stat -c %a "$server/admin-password")" = 600 ] || fail "the development password file is readable by others"
grep -q "password $password" "$out" || fail "start did not print the new development password once"
[ ${#password} -ge 20 ] || fail "the development password is short: $password"
curl -sf --digest -u "conveyor:$password" http://127.0.0.1:10390/management >/dev/null \
  || fail "the development user cannot use the management interface"
[ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8480/api/adapters)" = 401 ] \
  || fail "the REST API answers without credentials"
[ "$(curl -s -o /dev/null -w '%{http_code}' -u "conveyor:not-$password" http://127.0.0.1:8480/api/ports)" = 401 ] \
  || fail "the REST API takes a wrong password"
pass "development mode makes a user with a random password, kept in a file only its owner reads, for the console and the REST API"

curl -sf -u "$auth" -X POST -H 'Content-Type: application/json' http://127.0.0.1:8480/api/ports \
  -d '{"name":"kept-across-restarts","filter":"Customer = '"'"'kept'"'"'","primaryTransport":{"adapter":"FILE","address":"file:///tmp/conveyor/kept/%MessageID%.xml"}}' \
  >/dev/null || fail "could not create a port"
mvn -B -q package -pl server -Pdev > "$out" 2>&1 || { cat "$out"; fail "the server module did not build with the dev profile"; }
./conveyor start --no-build --port-offset 400 | tee "$out"
grep -q "configuration or database changed: restarting" "$out" || fail "a changed configuration did not restart the server"
grep -q "SampleTargetDS" "$server/wildfly/standalone/configuration/standalone.xml" || fail "the changed configuration was not installed"
curl -sf -u "$auth" http://127.0.0.1:8480/api/ports/kept-across-restarts >/dev/null || fail "the H2 MessageBox was lost with the change"
pass "a changed server configuration is installed over the server, which keeps its MessageBox"

if [ -n "${CONVEYOR_PG_URL:-}" ] || [ "$(id -u)" = 0 ]; then
  ./conveyor start --no-build --port-offset 400 --db postgresql | tee "$out"
  grep -q "ready on postgresql" "$out" || fail "start --db postgresql did not start on PostgreSQL"
  grep -q "driver-name = postgresql" "$server/server.log" || fail "the server did not load the PostgreSQL driver"
  [ "$(curl -s -o /dev/null -w '%{http_code}' -u "$auth" http://127.0.0.1:8480/api/ports/kept-across-restarts)" = 404 ] \
    || fail "the PostgreSQL MessageBox has the H2 one's port (or the API refused the development user)"
  pass "start --db postgresql starts the same server on PostgreSQL"
else
  echo "conveyor-commands: skipped: start --db postgresql (no CONVEYOR_PG_URL, and not root to install PostgreSQL)"
fi

pid=$(cat "$server/server.pid")
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
