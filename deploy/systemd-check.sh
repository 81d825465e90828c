#!/usr/bin/env bash
# Runs deploy/foreningskontroll.service under a real systemd (PID 1 of its own PID and mount namespace),
# on a machine whose init is not systemd (a CI runner, a VM, a container host). Checks what an
# operator relies on: the unit starts as its own user with its hardening, the service answers, a
# crash is restarted (Restart=on-failure), `systemctl stop` ends it with SIGTERM cleanly, and the
# logs reach the journal as JSON lines.
#
# Nothing on the host changes: /opt/foreningskontroll, /etc/foreningskontroll, the unit file and the
# user exist only inside the namespace (bind mounts of files made in a temporary folder), and /tmp,
# /var/tmp, /run and the journal are fresh in-memory file systems there: systemd's boot-time clean-up
# (systemd-tmpfiles --remove --boot) would otherwise empty the host's /tmp.
#
# Usage (as root, after `npm run build`): deploy/systemd-check.sh   [DATABASE_URL=… to use PostgreSQL]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
[ "$(id -u)" = 0 ] || { echo "run as root (systemd needs it)" >&2; exit 2; }
[ -f dist/src/main.js ] || { echo "build first: npm run build" >&2; exit 2; }

WORK=$(mktemp -d /var/tmp/fk-systemd.XXXXXX)
chmod 755 "$WORK"
PORT=${PORT:-3917}
ADMIN_TOKEN=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')

mkdir -p "$WORK/etc"
{
  echo "PORT=$PORT"
  echo "ADMIN_TOKEN=$ADMIN_TOKEN"
  [ -n "${DATABASE_URL:-}" ] && echo "DATABASE_URL=$DATABASE_URL"
  true
} > "$WORK/etc/env"
chmod 600 "$WORK/etc/env"
# The unit's user, known only inside the namespace.
cp /etc/passwd "$WORK/passwd"
cp /etc/group "$WORK/group"
echo "foreningskontroll:x:990:990:Föreningskontroll:/nonexistent:/usr/sbin/nologin" >> "$WORK/passwd"
echo "foreningskontroll:x:990:" >> "$WORK/group"

cat > "$WORK/boot.sh" <<EOF
#!/bin/sh
set -e
mount --bind "$WORK/passwd" /etc/passwd
mount --bind "$WORK/group" /etc/group
mount -t tmpfs tmpfs /etc/systemd/system
cp "$ROOT/deploy/foreningskontroll.service" /etc/systemd/system/
# The installed layout the unit expects (README, "Deploying"): this checkout, built, is the service in
# /opt/foreningskontroll (a bind mount, not links: the checkout may itself be under /tmp, hidden below).
mount -t tmpfs tmpfs /opt && mkdir /opt/foreningskontroll && mount --bind "$ROOT" /opt/foreningskontroll
mkdir -p /etc/foreningskontroll && mount --bind "$WORK/etc" /etc/foreningskontroll
# Last: the work folder itself is under /var/tmp.
for d in /tmp /var/tmp /run /var/lib /var/log/journal; do mkdir -p "\$d" && mount -t tmpfs tmpfs "\$d"; done
chmod 1777 /tmp /var/tmp
exec env container=other /lib/systemd/systemd --system --unit=basic.target --log-target=console
EOF
chmod 755 "$WORK/boot.sh"

unshare --pid --fork --mount --propagation private --mount-proc "$WORK/boot.sh" > "$WORK/systemd.log" 2>&1 &
UNSHARE=$!
cleanup() {
  kill -9 "${SYSTEMD_PID:-0}" 2>/dev/null || true
  wait "$UNSHARE" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

for _ in $(seq 1 50); do
  SYSTEMD_PID=$(pgrep -P "$UNSHARE" -x systemd || true)
  [ -n "$SYSTEMD_PID" ] && break
  sleep 0.2
done
[ -n "${SYSTEMD_PID:-}" ] || { echo "systemd did not start"; cat "$WORK/systemd.log"; exit 1; }
in_ns() { nsenter -t "$SYSTEMD_PID" -m -p "$@"; }
# Ready when the manager answers and has left "initializing" (basic.target reached).
for _ in $(seq 1 150); do
  STATE=$(in_ns systemctl is-system-running 2>/dev/null || true)
  case "$STATE" in running | degraded | starting) break ;; esac
  sleep 0.2
done

fail() { echo "FAIL: $*"; in_ns systemctl status foreningskontroll --no-pager || true; in_ns journalctl -u foreningskontroll --no-pager | tail -30 || true; exit 1; }
pass() { echo "ok: $*"; }

wait_healthy() {
  for _ in $(seq 1 150); do
    curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  return 1
}

in_ns systemd-analyze verify /etc/systemd/system/foreningskontroll.service || fail "systemd-analyze verify"
pass "systemd-analyze verify"
in_ns systemctl start foreningskontroll || fail "systemctl start"
wait_healthy || fail "no answer on /health"
WANT_DB=embedded
[ -n "${DATABASE_URL:-}" ] && WANT_DB=postgres
curl -fsS "http://127.0.0.1:$PORT/health" | grep -q "\"database\":\"$WANT_DB\"" || fail "not on the $WANT_DB database"
pass "started; /health answers on port $PORT, database $WANT_DB"

MAIN=$(in_ns systemctl show -p MainPID --value foreningskontroll)
USER_OF=$(in_ns ps -o user= -p "$MAIN")
[ "$USER_OF" = foreningskontroll ] || fail "runs as $USER_OF, not foreningskontroll"
pass "runs as user foreningskontroll (main pid $MAIN in the namespace)"

STATUS=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ADMIN_TOKEN" "http://127.0.0.1:$PORT/api/users")
[ "$STATUS" = 200 ] || fail "admin token from the environment file: GET /api/users answered $STATUS"
pass "the admin token from /etc/foreningskontroll/env signs in (GET /api/users 200)"

# ProtectSystem=strict: only the state directory is writable.
in_ns nsenter -t "$MAIN" -m sh -c 'touch /opt/foreningskontroll/x 2>/dev/null' && fail "/opt is writable for the service"
pass "ProtectSystem=strict: /opt/foreningskontroll is read-only for the service"

in_ns journalctl -u foreningskontroll --no-pager -o cat | grep -q '"msg"' || fail "no JSON log line in the journal"
pass "JSON log lines in the journal (LOG_FORMAT=json)"

# A crash is restarted after RestartSec.
in_ns kill -9 "$MAIN"
sleep 1
wait_healthy || fail "not restarted after SIGKILL"
NEW_MAIN=$(in_ns systemctl show -p MainPID --value foreningskontroll)
RESTARTS=$(in_ns systemctl show -p NRestarts --value foreningskontroll)
[ "$NEW_MAIN" != "$MAIN" ] && [ "$RESTARTS" -ge 1 ] || fail "no restart (NRestarts=$RESTARTS)"
pass "SIGKILL: restarted by Restart=on-failure (NRestarts=$RESTARTS), answering again"

T0=$(date +%s%N)
in_ns systemctl stop foreningskontroll
T1=$(date +%s%N)
RESULT=$(in_ns systemctl show -p Result --value foreningskontroll)
[ "$RESULT" = success ] || fail "stop ended with Result=$RESULT"
curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && fail "still answering after stop"
pass "systemctl stop: SIGTERM, clean exit (Result=success) in $(((T1 - T0) / 1000000)) ms"
echo "all checks passed"
