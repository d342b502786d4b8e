#!/bin/sh
# bench/run.sh: the benchmarks of `make bench`. Prints figures and ratios, never pass/fail.
#
#   1. bill import: `ktvoffice import bills` of a generated file set (format v1) of BENCH_BILLS
#      bills (default 1,000,000) with their lines and payments, beside the sqlite3 shell's
#      `.import` of the same three CSVs into bare tables (no constraints, no indexes);
#   2. reports: `ktvoffice report takings`, `report sales`, `report finance` and `report pnl`
#      over those bills (JSON; the finance table from the ledger the import posted);
#   3. HTTP: wrk (2 threads, 64 connections, 10 s) against an authenticated
#      GET /api/v1/bills?page_size=50, beside nginx serving a static file of the same size;
#   4-5. the front desk (bench/frontdesk.sh): checkout latency through the API on a served
#      demo venue, and the time to close a shift holding 10,000 bills.
#
# Inputs: KTV_BIN (the binary, default ./ktvoffice), SHIFT_FILL, BENCH_CHECKOUTS and
# BENCH_SHIFT_BILLS (bench/frontdesk.sh), BENCH_BILLS, BENCH_SECONDS (wrk duration,
# default 10). Everything is written under bench/out/ (git-ignored); the figures also go to
# bench/out/results.txt. A step whose command does not exist yet (import and report are being
# built) prints "not available" and the run goes on.
set -u

BIN=${KTV_BIN:-./ktvoffice}
BILLS=${BENCH_BILLS:-1000000}
SECONDS_WRK=${BENCH_SECONDS:-10}
OUT=bench/out
CSV=$OUT/csv
DB=$OUT/bench.db
BARE=$OUT/bare.db
RESULTS=$OUT/results.txt
# The export spreads the bills over one year ending here, so one takings report (at most 366
# days) reads them all. A fixed date keeps runs comparable.
FROM=2025-01-01
TO=2025-12-31
PASSWORD=ktvdemo123

case "$BIN" in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
if [ ! -x "$BIN" ]; then
    echo "bench: no binary at $BIN (run make first)" >&2
    exit 1
fi
mkdir -p "$OUT"
rm -rf "$CSV" "$DB" "$DB-wal" "$DB-shm" "$BARE" "$OUT/nginx" "$OUT"/*.log "$OUT"/*.json
: >"$RESULTS"

SERVER_PID=
NGINX_PID=
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
    SERVER_PID=
    NGINX_PID=
}
trap cleanup EXIT INT TERM

now() { date +%s.%N; }
# elapsed START END -> seconds with 3 decimals
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
# rate COUNT SECONDS -> per second, whole
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "n/a" }'; }
# ratio A B -> A / B to 3 significant digits (a ratio of 0.0007 must not print as 0.00)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3g", a / b; else print "n/a" }'; }
# Prints a figure and keeps it in results.txt.
say() {
    echo "$*"
    echo "$*" >>"$RESULTS"
}
rows_of() { echo $(($(wc -l <"$1") - 1)); }
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' \
        2>/dev/null || echo $((20000 + $$ % 20000))
}

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //')
say "ktvoffice benchmarks, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores ${cpu:+($cpu)}"
say "binary $BIN ($("$BIN" --version 2>/dev/null))"
say ""

# ---------------------------------------------------------------- the bill files
t0=$(now)
if ! "$BIN" demo --export-csv "$CSV" --bills "$BILLS" --seed 1 --end-date "$TO" >"$OUT/export.log" 2>&1; then
    say "generating $BILLS bills failed; see $OUT/export.log"
    exit 1
fi
t1=$(now)
n_bills=$(rows_of "$CSV/bills.csv")
n_lines=$(rows_of "$CSV/bill_lines.csv")
n_payments=$(rows_of "$CSV/bill_payments.csv")
n_rows=$((n_bills + n_lines + n_payments))
csv_mb=$(du -cm "$CSV/bills.csv" "$CSV/bill_lines.csv" "$CSV/bill_payments.csv" | tail -n 1 | cut -f1)
say "input: $n_bills bills, $n_lines lines, $n_payments payments ($n_rows rows, $csv_mb MB of CSV)"
say "       business days $FROM .. $TO, generated in $(elapsed "$t0" "$t1") s (ktvoffice demo --export-csv)"
say ""

# ---------------------------------------------------------------- 1. import
say "1. bill import"
# The database holds the demo venue's catalogue (rooms, products, packages, users), so that
# every room and product of the files is known, as in a venue that imports its own history.
"$BIN" demo --db "$DB" --days 0 --end-date "$TO" >"$OUT/demo.log" 2>&1 ||
    { say "   creating the venue failed; see $OUT/demo.log"; exit 1; }
import_rate=
t0=$(now)
# CPU time and peak memory beside the wall clock: on a shared machine the wall clock says as
# much about the neighbours as about the import.
if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%U %S %M" -o "$OUT/import.time" "$BIN" import bills --db "$DB" "$CSV" \
        >"$OUT/import.log" 2>&1
    rc=$?
else
    "$BIN" import bills --db "$DB" "$CSV" >"$OUT/import.log" 2>&1
    rc=$?
fi
t1=$(now)
if [ $rc -ne 0 ] && grep -q "not built yet\|unknown command\|usage" "$OUT/import.log"; then
    say "   ktvoffice import bills:   not available (the command is not built yet)"
elif [ $rc -ne 0 ]; then
    say "   ktvoffice import bills:   failed (exit $rc); see $OUT/import.log"
else
    secs=$(elapsed "$t0" "$t1")
    import_rate=$(rate "$n_rows" "$secs")
    stored=$(sqlite3 "$DB" "SELECT count(*) FROM bills" 2>/dev/null || echo "?")
    say "   ktvoffice import bills:   $secs s, $import_rate rows/s, $(rate "$n_bills" "$secs") bills/s ($stored bills stored)"
    if [ -s "$OUT/import.time" ]; then
        set -- $(tail -n 1 "$OUT/import.time")
        say "                             CPU $1 s user + $2 s system, peak memory $(($3 / 1024)) MB"
    fi
fi
# Without the import, the reports and the bill list still get measured, but over a database the
# product itself wrote (the demo venue's year of bills through bill_insert), and say so: their
# figures are then not "over the generated bills".
SUBJECT="the $n_bills imported bills"
if [ -z "$import_rate" ]; then
    rm -f "$DB" "$DB-wal" "$DB-shm"
    if "$BIN" demo --db "$DB" --days 366 --end-date "$TO" >"$OUT/demo.log" 2>&1; then
        SUBJECT="the demo venue's $(sqlite3 "$DB" "SELECT count(*) FROM bills") bills (import not available)"
        FROM=$(sqlite3 "$DB" "SELECT min(business_day) FROM bills")
    else
        SUBJECT="an empty venue (import not available, demo failed: see $OUT/demo.log)"
    fi
fi

# The sqlite3 shell into bare tables: every column TEXT, no keys, no checks, no indexes, default
# journal. This is the floor of "getting the rows into SQLite", not a like-for-like import.
t0=$(now)
# A function, not a string: the format's spaces must stay inside one argument.
timed() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "%U %S %M" -o "$OUT/sqlite.time" "$@"
    else
        "$@"
    fi
}
timed sqlite3 "$BARE" <<EOF >"$OUT/sqlite-import.log" 2>&1
CREATE TABLE bills(bill_no, room, room_type, opened_at, closed_at, status, cashier, member_phone,
                   booker, gross, discount, service, total, note);
CREATE TABLE bill_lines(bill_no, line_no, kind, item, qty, unit_price, amount);
CREATE TABLE bill_payments(bill_no, method, amount);
.import --csv --skip 1 $CSV/bills.csv bills
.import --csv --skip 1 $CSV/bill_lines.csv bill_lines
.import --csv --skip 1 $CSV/bill_payments.csv bill_payments
EOF
rc=$?
t1=$(now)
if [ $rc -ne 0 ]; then
    say "   sqlite3 .import:          failed (exit $rc); see $OUT/sqlite-import.log"
else
    secs=$(elapsed "$t0" "$t1")
    sqlite_rate=$(rate "$n_rows" "$secs")
    say "   sqlite3 .import (bare):   $secs s, $sqlite_rate rows/s"
    if [ -s "$OUT/sqlite.time" ]; then
        set -- $(tail -n 1 "$OUT/sqlite.time")
        sqlite_cpu=$(awk -v u="$1" -v s="$2" 'BEGIN { print u + s }')
        say "                             CPU $1 s user + $2 s system, peak memory $(($3 / 1024)) MB"
    fi
    if [ -n "$import_rate" ]; then
        say "   ratio ktvoffice / sqlite3: $(ratio "$import_rate" "$sqlite_rate")"
        if [ -s "$OUT/import.time" ] && [ -n "${sqlite_cpu:-}" ]; then
            set -- $(tail -n 1 "$OUT/import.time")
            ktv_cpu=$(awk -v u="$1" -v s="$2" 'BEGIN { print u + s }')
            say "   CPU time ktvoffice / sqlite3: $(ratio "$ktv_cpu" "$sqlite_cpu") (wall clock suffers from a shared machine)"
        fi
    fi
fi
say ""

# ---------------------------------------------------------------- 2. reports
say "2. reports over business days $FROM .. $TO, $SUBJECT (JSON; two runs)"
for kind in takings sales finance pnl; do
    best=
    first=
    status=ok
    for i in 1 2; do
        t0=$(now)
        "$BIN" report "$kind" --db "$DB" --from "$FROM" --to "$TO" --format json \
            >"$OUT/report-$kind.json" 2>"$OUT/report-$kind.log"
        rc=$?
        t1=$(now)
        if [ $rc -ne 0 ]; then
            if grep -q "not built yet\|unknown command" "$OUT/report-$kind.log"; then
                status="not available (the command is not built yet)"
            else
                status="failed (exit $rc); see $OUT/report-$kind.log"
            fi
            break
        fi
        secs=$(elapsed "$t0" "$t1")
        [ -z "$first" ] && first=$secs
        best=$(awk -v a="${best:-$secs}" -v b="$secs" 'BEGIN { print (b < a ? b : a) }')
    done
    if [ "$status" = ok ]; then
        say "   report $kind: $best s (first run $first s, $(wc -c <"$OUT/report-$kind.json") bytes of JSON)"
        if [ "$kind" = takings ] && [ -n "$import_rate" ]; then
            # The takings must add up to what was generated, to the fen (export.log has the
            # generator's own sums of the settled bills).
            got=$(sqlite3 :memory: "SELECT json_extract(readfile('$OUT/report-takings.json'), '\$.totals.net_fen')" 2>/dev/null)
            want=$(sed -n 's/.* net \([0-9,.-]*\)$/\1/p' "$OUT/export.log" | tr -d ',.')
            if [ -n "$got" ] && [ "$got" = "$want" ]; then
                say "   report takings net = generated net: $got fen (agrees to the fen)"
            else
                say "   report takings net ${got:-?} fen, generated ${want:-?} fen: DIFFERENT"
            fi
        fi
        if [ "$kind" = finance ]; then
            # From the books: the finance table's net revenue is the takings' net, to the fen.
            fin=$(sqlite3 :memory: "SELECT json_extract(readfile('$OUT/report-finance.json'), '\$.totals.net_revenue_fen')" 2>/dev/null)
            tk=$(sqlite3 :memory: "SELECT json_extract(readfile('$OUT/report-takings.json'), '\$.totals.net_fen')" 2>/dev/null)
            if [ -n "$fin" ] && [ "$fin" = "$tk" ]; then
                say "   report finance net revenue = takings net: $fin fen (the books agree with the bills)"
            else
                say "   report finance net revenue ${fin:-?} fen, takings net ${tk:-?} fen: DIFFERENT"
            fi
        fi
    else
        say "   report $kind: $status"
    fi
done
say ""

# ---------------------------------------------------------------- 3. HTTP
say "3. HTTP over $SUBJECT: wrk -t2 -c64 -d${SECONDS_WRK}s --latency"
wrk_figures() { # wrk output file -> "rps p99 completed timeouts"
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$1")
    p99=$(awk '$1 == "99%" { print $2 }' "$1")
    done_=$(awk '/requests in/ { print $1 }' "$1")
    timeouts=$(sed -n 's/.*timeout \([0-9]*\).*/\1/p' "$1")
    # With no request completed, wrk prints a p99 of 0.00us: there is no latency to show.
    [ "${done_:-0}" = 0 ] && p99=n/a
    echo "${rps:-n/a} ${p99:-n/a} ${done_:-0} ${timeouts:-0}"
}
# wrk prints latencies as 812.00us, 1.23ms or 1.02s: in milliseconds for the ratio.
to_ms() {
    echo "$1" | awk '/us$/ { sub("us", ""); print $0 / 1000; next }
                     /ms$/ { sub("ms", ""); print $0; next }
                     /s$/  { sub("s", ""); print $0 * 1000; next } { print "" }'
}

ktv_rps=
port=$(free_port)
"$BIN" serve --db "$DB" --listen "127.0.0.1:$port" --web web >"$OUT/serve.log" 2>&1 &
SERVER_PID=$!
up=
for i in $(seq 1 100); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/health"; then up=1; break; fi
    sleep 0.1
done
if [ -z "$up" ]; then
    say "   ktvoffice: the server did not start; see $OUT/serve.log"
else
    jar=$OUT/cookies.txt
    curl -s -c "$jar" -o /dev/null -H 'Content-Type: application/json' \
        -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" \
        "http://127.0.0.1:$port/api/v1/auth/login"
    token=$(awk '$6 == "ktv_session" { print $7 }' "$jar")
    url="http://127.0.0.1:$port/api/v1/bills?page_size=50"
    code=$(curl -s -o "$OUT/bills-page.json" -w '%{http_code}' -H "Cookie: ktv_session=$token" "$url")
    if [ -z "$token" ]; then
        say "   ktvoffice: could not sign in as admin; see $OUT/serve.log"
    elif [ "$code" != 200 ]; then
        say "   ktvoffice GET /api/v1/bills: not available (HTTP $code: the bill list is not built yet)"
    else
        size=$(wc -c <"$OUT/bills-page.json")
        # One request alone first: under load a slow endpoint only shows as wrk timeouts.
        alone=$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: ktv_session=$token" "$url")
        wrk -t2 -c64 -d"${SECONDS_WRK}s" --latency -H "Cookie: ktv_session=$token" "$url" \
            >"$OUT/wrk-ktvoffice.txt" 2>&1
        set -- $(wrk_figures "$OUT/wrk-ktvoffice.txt")
        ktv_rps=$1
        ktv_p99=$2
        say "   ktvoffice GET /api/v1/bills?page_size=50 ($size bytes): $ktv_rps req/s, p99 $ktv_p99"
        say "      $3 requests completed, $4 timed out (wrk gives up after 2 s); one request alone: ${alone} s"
    fi
fi
cleanup

if [ -n "$ktv_rps" ]; then
    # nginx as the same user, in the foreground, with every path in a private folder (the
    # default ones under /var need root).
    ngx=$(mktemp -d /tmp/ktvbench-nginx.XXXXXX)
    chmod 755 "$ngx"
    mkdir -p "$ngx/www" "$ngx/tmp"
    cp "$OUT/bills-page.json" "$ngx/www/bills.json"
    chmod 644 "$ngx/www/bills.json"
    nport=$(free_port)
    cat >"$ngx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $ngx/nginx.pid;
error_log $ngx/error.log;
events { worker_connections 1024; }
http {
    access_log $ngx/access.log;
    client_body_temp_path $ngx/tmp/body;
    proxy_temp_path $ngx/tmp/proxy;
    fastcgi_temp_path $ngx/tmp/fastcgi;
    uwsgi_temp_path $ngx/tmp/uwsgi;
    scgi_temp_path $ngx/tmp/scgi;
    default_type application/json;
    server {
        listen 127.0.0.1:$nport;
        root $ngx/www;
    }
}
EOF
    nginx -p "$ngx" -e "$ngx/error.log" -c "$ngx/nginx.conf" >"$OUT/nginx.log" 2>&1 &
    NGINX_PID=$!
    up=
    for i in $(seq 1 50); do
        if curl -s -o /dev/null "http://127.0.0.1:$nport/bills.json"; then up=1; break; fi
        sleep 0.1
    done
    if [ -z "$up" ]; then
        say "   nginx: did not start; see $OUT/nginx.log and $ngx/error.log"
    else
        wrk -t2 -c64 -d"${SECONDS_WRK}s" --latency "http://127.0.0.1:$nport/bills.json" \
            >"$OUT/wrk-nginx.txt" 2>&1
        set -- $(wrk_figures "$OUT/wrk-nginx.txt")
        say "   nginx static file of the same size:            $1 req/s, p99 $2"
        if [ "$ktv_p99" = n/a ]; then
            p99_ratio="n/a (no ktvoffice request completed)"
        else
            p99_ratio=$(ratio "$(to_ms "$ktv_p99")" "$(to_ms "$2")")
        fi
        say "   ratio ktvoffice / nginx: requests/s $(ratio "$ktv_rps" "$1"), p99 latency $p99_ratio"
    fi
    cleanup
    rm -rf "$ngx"
fi
say ""
KTV_BIN="$BIN" RESULTS="$RESULTS" sh bench/frontdesk.sh
say ""
say "figures kept in $RESULTS; logs and outputs in $OUT/"
