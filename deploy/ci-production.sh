#!/usr/bin/env bash
# The production-like run (called by .ci/run after the two test suites; or by hand:
# `bash deploy/ci-production.sh`). On loopback, each started once: PostgreSQL,
# Redis, moto's S3 server (behind a TCP relay the fault tests can cut), two gunicorn
# app processes and one task worker, all with cms.settings.production. Loads the
# demo content through them, then runs tests/production/ (smoke, then faults)
# against the real HTTP endpoints. Everything it started is stopped on exit, by pid.
#
# Needs: PostgreSQL's server binaries (/usr/lib/postgresql/*/bin) and redis-server
# (Debian: apt-get install postgresql redis-server), and .venv (make install).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY="$ROOT/.venv/bin/python"
START=$(date +%s)
stamp() { echo "[$(($(date +%s) - START))s] $*"; }

WORK=$(mktemp -d /tmp/portal-production.XXXXXX)
chmod 755 "$WORK"
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PG_PORT=$(free_port); REDIS_PORT=$(free_port); S3_PORT=$(free_port)
S3_RELAY_PORT=$(free_port); APP1_PORT=$(free_port); APP2_PORT=$(free_port)

# --- Cleanup: stop what this script (or the fault tests) started, by pid ------------
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGDATA="$WORK/pgdata"
if [ "$(id -u)" = 0 ]; then AS_PG="su postgres -s /bin/sh -c"; else AS_PG="sh -c"; fi
cleanup() {
  local status=$?
  for name in worker app1 app2 s3-relay s3 redis; do
    pid=$(cat "$WORK/$name.pid" 2>/dev/null || true)
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  sleep 2
  $AS_PG "$PGBIN/pg_ctl -D $PGDATA -m immediate stop" >/dev/null 2>&1 || true
  sleep 1
  for pidfile in "$WORK"/*.pid; do
    pid=$(cat "$pidfile" 2>/dev/null || true)
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
  done
  if [ "$status" != 0 ]; then
    echo "== Production-like run failed: last lines of the service logs =="
    for log in "$WORK"/*.log; do echo "--- $log"; tail -n 40 "$log"; done
  fi
  [ "${KEEP_WORK:-}" ] || rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT

# --- PostgreSQL ----------------------------------------------------------------------
stamp "PostgreSQL on 127.0.0.1:$PG_PORT"
mkdir -p "$PGDATA"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA"
$AS_PG "$PGBIN/initdb -D $PGDATA -A trust -U postgres -E UTF8 >/dev/null"
PG_START="$PGBIN/pg_ctl -D $PGDATA -l $PGDATA/server.log -w -o '-p $PG_PORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off' start"
$AS_PG "$PG_START" >/dev/null
"$PGBIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres portal

# --- Redis (append-only file: queued jobs outlive a restart) -------------------------
stamp "Redis on 127.0.0.1:$REDIS_PORT"
REDIS_START="redis-server --port $REDIS_PORT --bind 127.0.0.1 --dir $WORK --save '' --appendonly yes --appendfsync always --daemonize yes --pidfile $WORK/redis.pid --logfile $WORK/redis.log"
eval "$REDIS_START"

# --- S3: moto's server, reached through a relay --------------------------------------
stamp "S3 (moto) on 127.0.0.1:$S3_PORT, relay on $S3_RELAY_PORT"
"$ROOT/.venv/bin/moto_server" -H 127.0.0.1 -p "$S3_PORT" >"$WORK/s3.log" 2>&1 &
echo $! >"$WORK/s3.pid"
"$PY" tests/production/tcp_proxy.py "$S3_RELAY_PORT" "$S3_PORT" >"$WORK/s3-relay.log" 2>&1 &
echo $! >"$WORK/s3-relay.pid"

# --- The production environment (written to production.env for the fault tests) ---
SECRET=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
# Small, quick renditions and tight timeouts, so that the faults show in seconds.
cat >"$WORK/production.env" <<EOF
DJANGO_SETTINGS_MODULE=cms.settings.production
DJANGO_SECRET_KEY=$SECRET
DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/portal
REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
TASKS_BACKEND=rq
AWS_STORAGE_BUCKET_NAME=portal-media
AWS_S3_ENDPOINT_URL=http://127.0.0.1:$S3_RELAY_PORT
AWS_S3_REGION_NAME=us-east-1
AWS_S3_ADDRESSING_STYLE=path
AWS_ACCESS_KEY_ID=production-test
AWS_SECRET_ACCESS_KEY=production-test-secret
DJANGO_STATIC_ROOT=$WORK/static
WAGTAILADMIN_BASE_URL=http://127.0.0.1:$APP1_PORT
VIDEO_RENDITION_HEIGHTS=360,180
VIDEO_X264_PRESET=ultrafast
AWS_S3_MAX_ATTEMPTS=2
AWS_S3_CONNECT_TIMEOUT=2
DATABASE_CONNECT_TIMEOUT=2
TASKS_MAINTENANCE_SECONDS=3
TASKS_WORKER_TTL=30
CACHE_DOWN_SECONDS=2
EOF
mapfile -t PROD_ENV <"$WORK/production.env"
prod() { env "${PROD_ENV[@]}" "$@"; }

"$PY" - <<EOF
import boto3, time
client = boto3.client(
    "s3", endpoint_url="http://127.0.0.1:$S3_RELAY_PORT", region_name="us-east-1",
    aws_access_key_id="production-test", aws_secret_access_key="x",
)
for attempt in range(100):
    try:
        client.create_bucket(Bucket="portal-media")
        break
    except Exception:
        time.sleep(0.1)
else:
    raise SystemExit("The S3 server did not start.")
EOF

stamp "migrate, collectstatic, check --deploy"
prod "$PY" manage.py migrate --noinput >"$WORK/migrate.log" 2>&1
prod "$PY" manage.py collectstatic --noinput >"$WORK/collectstatic.log" 2>&1
prod "$PY" manage.py check --deploy --fail-level WARNING 2>"$WORK/check.log" \
  || { cat "$WORK/check.log"; exit 1; }

# --- Two app processes and one worker ------------------------------------------------
start_app() {  # name port
  prod "$ROOT/.venv/bin/gunicorn" cms.wsgi:application --bind "127.0.0.1:$2" \
    --workers 2 --timeout 120 --graceful-timeout 5 --pid "$WORK/$1.pid" \
    >"$WORK/$1.log" 2>&1 &
}
stamp "gunicorn on $APP1_PORT and $APP2_PORT, worker"
start_app app1 "$APP1_PORT"
start_app app2 "$APP2_PORT"
WORKER_START="$PY manage.py portal_worker"
# Not through prod(): a backgrounded function is a subshell, and $! its pid.
env "${PROD_ENV[@]}" setsid $WORKER_START >>"$WORK/worker.log" 2>&1 &
echo $! >"$WORK/worker.pid"

"$PY" - <<EOF
import time, urllib.request
for url in ("http://127.0.0.1:$APP1_PORT/readyz", "http://127.0.0.1:$APP2_PORT/readyz"):
    for attempt in range(300):
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    break
        except Exception:
            time.sleep(0.2)
    else:
        raise SystemExit(f"{url} never became ready")
EOF

stamp "demo content (its videos are processed by the worker)"
prod "$PY" manage.py load_demo_content >"$WORK/demo.log" 2>&1

# --- The smoke suite and the fault tests ---------------------------------------------
cat >"$WORK/state.json" <<EOF
{
  "root": "$ROOT",
  "work": "$WORK",
  "apps": ["http://127.0.0.1:$APP1_PORT", "http://127.0.0.1:$APP2_PORT"],
  "env_file": "$WORK/production.env",
  "database_url": "postgres://postgres@127.0.0.1:$PG_PORT/portal",
  "postgres": {"bin": "$PGBIN", "data": "$PGDATA", "as_postgres": "$AS_PG",
               "start": "$PG_START"},
  "redis": {"port": $REDIS_PORT, "start": "$REDIS_START"},
  "s3": {"relay_port": $S3_RELAY_PORT, "server_port": $S3_PORT,
         "bucket": "portal-media"},
  "worker": {"pidfile": "$WORK/worker.pid", "log": "$WORK/worker.log",
             "start": "$WORKER_START"}
}
EOF
if [ -n "${PRODUCTION_COMMAND:-}" ]; then
  # Something else to run inside the stack instead of the tests (a benchmark:
  # bench/clip_latency.py), with the same state file.
  stamp "$PRODUCTION_COMMAND"
  PORTAL_PRODUCTION_STATE="$WORK/state.json" \
  PORTAL_PRODUCTION_URLS="http://127.0.0.1:$APP1_PORT,http://127.0.0.1:$APP2_PORT" \
    bash -c "$PRODUCTION_COMMAND"
  exit 0
fi
stamp "tests/production"
PORTAL_PRODUCTION_STATE="$WORK/state.json" \
PORTAL_PRODUCTION_URLS="http://127.0.0.1:$APP1_PORT,http://127.0.0.1:$APP2_PORT" \
  "$PY" -m pytest tests/production -p no:cacheprovider -p no:warnings -q ${PYTEST_ARGS:-}
stamp "production-like run passed"
