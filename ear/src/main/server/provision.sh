#!/usr/bin/env bash
# Configures an unpacked WildFly for Conveyor: the MessageBox XA datasource (embedded H2 or PostgreSQL), the
# connectors' resource-adapter entries (handler configuration), the transaction node identifier, and a
# management user. Runs the CLI offline (embed-server), so the server must not be running.
#
#   provision.sh --home <wildfly-dir> --db h2|postgresql [--pg-driver <postgresql.jar>] [--samples]
#
# --samples adds the resources of samples.cli (a sample target database for the SQL connector, a sample JMS queue),
# which the README tour and the tests use; a production server is provisioned without them.
#
# PostgreSQL connection settings are left as expressions resolved when the server starts:
#   conveyor.pg.url (default jdbc:postgresql://127.0.0.1:5432/conveyor), conveyor.pg.user, conveyor.pg.password
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
home="" db="h2" pg_driver="" samples=false
while [ $# -gt 0 ]; do
  case "$1" in
    --home) home=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    --pg-driver) pg_driver=$2; shift 2 ;;
    --samples) samples=true; shift ;;
    *) echo "provision.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$home" ] && [ -x "$home/bin/jboss-cli.sh" ] || { echo "provision.sh: --home must be an unpacked WildFly" >&2; exit 2; }
case "$db" in h2|postgresql) ;; *) echo "provision.sh: --db must be h2 or postgresql" >&2; exit 2 ;; esac

marker="$home/standalone/configuration/.conveyor-provisioned-$db"
checksum=$( (cat "$here"/*.cli "$0"; echo "samples=$samples") | sha256sum | cut -d' ' -f1)
if [ -f "$marker" ]; then
  if [ "$(cat "$marker")" = "$checksum" ]; then
    echo "WildFly at $home is already configured for Conveyor ($db)"
    exit 0
  fi
  echo "provision.sh: WildFly at $home was configured by other versions of these scripts; remove that directory" >&2
  echo "provision.sh: (its data directory holds its MessageBox when on H2) and run again to provision it afresh" >&2
  exit 1
fi

cli=$(mktemp)
trap 'rm -f "$cli"' EXIT
{
  echo "embed-server --server-config=standalone-full.xml --std-out=discard"
  if [ "$db" = postgresql ]; then
    [ -f "$pg_driver" ] || { echo "provision.sh: --pg-driver must name the PostgreSQL JDBC jar" >&2; exit 2; }
    echo "module add --name=org.postgresql --resources=$pg_driver --dependencies=java.sql,java.naming,jakarta.transaction.api"
    cat "$here/messagebox-postgresql.cli"
  else
    cat "$here/messagebox-h2.cli"
  fi
  cat "$here/conveyor.cli"
  if $samples; then
    cat "$here/samples.cli"
  fi
  echo "stop-embedded-server"
} > "$cli"

JAVA_OPTS="-Xmx256m" "$home/bin/jboss-cli.sh" --file="$cli"
"$home/bin/add-user.sh" -s -u conveyor -p 'conveyor-admin-1' -g admin >/dev/null
echo "$checksum" > "$marker"
echo "WildFly at $home configured for Conveyor ($db)"
