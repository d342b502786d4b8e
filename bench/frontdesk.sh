#!/bin/sh
# bench/frontdesk.sh: the front desk's figures of `make bench` (issue 3), run by bench/run.sh and
# runnable alone. Figures, never pass/fail.
#
#   4. checkout latency: against a served demo-sized venue (ktvoffice demo, 90 days), a cashier
#      opens CHECKOUTS stays and checks each out through the real API: POST /api/v1/stays,
#      POST /api/v1/stays/:id/items, POST /api/v1/stays/:id/checkout (every write with its
#      idempotency key, one client, one request at a time); median, p95 and p99 in ms of the
#      checkout, and of the whole open-order-checkout cycle;
#   5. closing a shift that holds BENCH_SHIFT_BILLS bills (default 10,000): bench/shift_fill
#      writes them into a manager's open shift in one transaction (through bill_insert), then
#      POST /api/v1/shifts/:id/close is timed (the blind close builds and freezes the Z report
#      in the transaction that closes the shift).
#
# Inputs: KTV_BIN, SHIFT_FILL (the helper, built by `make bench`), BENCH_CHECKOUTS (default
# 300), BENCH_SHIFT_BILLS (default 10000), RESULTS (a file the figures are appended to).
set -u

BIN=${KTV_BIN:-./ktvoffice}
FILL=${SHIFT_FILL:-build/bench/shift_fill}
CHECKOUTS=${BENCH_CHECKOUTS:-300}
SHIFT_BILLS=${BENCH_SHIFT_BILLS:-10000}
OUT=bench/out
DB=$OUT/frontdesk.db
RESULTS=${RESULTS:-$OUT/results-frontdesk.txt}
PASSWORD=ktvdemo123
END_DATE=2025-12-31

case "$BIN" in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
mkdir -p "$OUT"
rm -f "$DB" "$DB-wal" "$DB-shm" "$OUT"/fd-*.txt

say() {
    echo "$*"
    echo "$*" >>"$RESULTS"
}
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' \
        2>/dev/null || echo $((20000 + $$ % 20000))
}
# percentiles FILE -> "p50 p95 p99 mean" in ms of the seconds (one a line) in FILE
percentiles() {
    sort -n "$1" | awk '{ v[NR] = $1 * 1000; s += $1 * 1000 }
        function at(p,  i) { i = int(p * NR + 0.999999); if (i < 1) i = 1; if (i > NR) i = NR; return v[i] }
        END { if (NR) printf "%.2f %.2f %.2f %.2f", at(0.50), at(0.95), at(0.99), s / NR; else print "n/a n/a n/a n/a" }'
}

# json_get FILE PATH -> the value at a JSON path (the sqlite3 shell reads JSON; no jq needed)
json_get() { sqlite3 :memory: "SELECT json_extract(readfile('$1'), '$2')" 2>/dev/null; }

SERVER_PID=
stop_server() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    SERVER_PID=
}
trap stop_server EXIT INT TERM

t0=$(date +%s.%N)
if ! "$BIN" demo --db "$DB" --days 90 --seed 1 --end-date "$END_DATE" >"$OUT/fd-demo.txt" 2>&1; then
    say "4-5. front desk: creating the demo venue failed; see $OUT/fd-demo.txt"
    exit 0
fi
t1=$(date +%s.%N)
say "4-5. front desk, on the demo venue (90 business days to $END_DATE: $(sqlite3 "$DB" "SELECT count(*) FROM bills") bills, $(sqlite3 "$DB" "SELECT count(*) FROM shifts") shifts; written in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s)"

port=$(free_port)
"$BIN" serve --db "$DB" --listen "127.0.0.1:$port" --web web >"$OUT/fd-serve.txt" 2>&1 &
SERVER_PID=$!
base=http://127.0.0.1:$port
for i in $(seq 1 100); do
    curl -s -o /dev/null "$base/api/v1/health" && break
    sleep 0.1
done

# Signs in as $1 into cookie jar $2; prints the CSRF token.
login() {
    curl -s -c "$2" -H 'Content-Type: application/json' \
        -d "{\"username\":\"$1\",\"password\":\"$PASSWORD\"}" "$base/api/v1/auth/login" |
        sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p'
}
# post JAR CSRF PATH BODY OUTFILE -> prints "status seconds"
post() {
    curl -s -o "$5" -w '%{http_code} %{time_total}\n' -b "$1" -H "X-CSRF-Token: $2" \
        -H 'Content-Type: application/json' -X "${6:-POST}" -d "$4" "$base$3"
}

# ---------------------------------------------------------------- 4. checkout latency
# The cashier whose night shift the demo left open takes the money.
cashier=$(sqlite3 "$DB" "SELECT cashier FROM shifts WHERE status = 'open' LIMIT 1")
jar=$OUT/fd-cashier.jar
csrf=$(login "$cashier" "$jar")
product=$(sqlite3 "$DB" "SELECT id FROM products WHERE code = 'D002'") # 可口可乐 12.00
price=$(sqlite3 "$DB" "SELECT price_fen FROM products WHERE id = $product")
rooms=$(sqlite3 "$DB" "SELECT r.id FROM rooms r WHERE r.active = 1 AND NOT EXISTS (SELECT 1 FROM
    stays s WHERE s.room_id = r.id AND s.status = 'open') AND NOT EXISTS (SELECT 1 FROM
    room_states x WHERE x.room_id = r.id AND x.state = 'out_of_service') ORDER BY r.id")
set -- $rooms
nrooms=$#
: >"$OUT/fd-checkout.txt"
: >"$OUT/fd-cycle.txt"
failed=0
run=$(date +%s)
i=0
while [ $i -lt "$CHECKOUTS" ]; do
    i=$((i + 1))
    # The rooms in turn; a room checked out waits to be cleaned: mark it free again (untimed).
    k=$(( (i - 1) % nrooms + 1 ))
    room=$(echo "$rooms" | sed -n "${k}p" | tr -d ' ')
    [ "$i" -gt "$nrooms" ] && post "$jar" "$csrf" "/api/v1/frontdesk/rooms/$room/state" \
        '{"state":"free","note":"bench"}' /dev/null PUT >/dev/null
    set -- $(post "$jar" "$csrf" /api/v1/stays \
        "{\"room_id\":$room,\"guests\":4,\"idempotency_key\":\"bench-$run-open-$i\"}" "$OUT/fd-open.json")
    s1=$1 t_open=$2
    stay=$(json_get "$OUT/fd-open.json" '$.id')
    set -- $(post "$jar" "$csrf" "/api/v1/stays/$stay/items" \
        "{\"product_id\":$product,\"qty\":2,\"idempotency_key\":\"bench-$run-item-$i\"}" "$OUT/fd-item.json")
    s2=$1 t_item=$2
    # Checked out at once: inside the grace, so the bill is the goods (2 x 12.00), paid cash.
    due=$((2 * price))
    set -- $(post "$jar" "$csrf" "/api/v1/stays/$stay/checkout" \
        "{\"idempotency_key\":\"bench-$run-checkout-$i\",\"payments\":[{\"method\":\"cash\",\"amount_fen\":$due,\"tendered_fen\":10000}]}" \
        "$OUT/fd-checkout.json")
    s3=$1 t_checkout=$2
    if [ "$s1" != 201 ] || [ "$s2" != 201 ] || [ "$s3" != 201 ]; then
        failed=$((failed + 1))
        [ $failed -eq 1 ] && cp "$OUT/fd-checkout.json" "$OUT/fd-first-failure.json" &&
            echo "open $s1 item $s2 checkout $s3" >>"$OUT/fd-first-failure.json"
        continue
    fi
    echo "$t_checkout" >>"$OUT/fd-checkout.txt"
    awk -v a="$t_open" -v b="$t_item" -v c="$t_checkout" 'BEGIN { print a + b + c }' >>"$OUT/fd-cycle.txt"
done
ok=$(wc -l <"$OUT/fd-checkout.txt")
note=
[ "$failed" -gt 0 ] && note=", see $OUT/fd-first-failure.json"
say "   4. checkout latency: $ok checkouts through the API ($failed failed$note), one client"
set -- $(percentiles "$OUT/fd-checkout.txt")
say "      POST /stays/:id/checkout:       median $1 ms, p95 $2 ms, p99 $3 ms (mean $4 ms)"
# The server's own time for the same requests (access log), without the loopback and curl.
grep 'POST /api/v1/stays/[0-9]*/checkout status=201' "$OUT/fd-serve.txt" |
    sed -n 's/.* ms=\([0-9.]*\).*/\1/p' | awk '{ print $1 / 1000 }' >"$OUT/fd-checkout-server.txt"
set -- $(percentiles "$OUT/fd-checkout-server.txt")
say "      the same, as the server timed it:  median $1 ms, p95 $2 ms, p99 $3 ms (mean $4 ms)"
set -- $(percentiles "$OUT/fd-cycle.txt")
say "      open + order + checkout cycle:  median $1 ms, p95 $2 ms, p99 $3 ms (mean $4 ms)"

# ---------------------------------------------------------------- 5. closing a full shift
t0=$(date +%s.%N)
set -- $("$FILL" "$DB" manager "$SHIFT_BILLS" 2>"$OUT/fd-fill.txt")
t1=$(date +%s.%N)
shift_id=${1:-}
expected=${2:-}
if [ -z "$shift_id" ]; then
    say "   5. shift close: preparing the shift failed; see $OUT/fd-fill.txt"
else
    held=$(sqlite3 "$DB" "SELECT count(*) || ' payments, ' || count(DISTINCT bill_id) || ' bills' FROM bill_payments WHERE shift_id = $shift_id")
    say "   5. shift close: shift #$shift_id holds $held (written in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s, one transaction)"
    mjar=$OUT/fd-manager.jar
    mcsrf=$(login manager "$mjar")
    # The count: the float and the cash taken, in hundreds; any remainder is a recorded short.
    hundreds=$((expected / 10000))
    set -- $(post "$mjar" "$mcsrf" "/api/v1/shifts/$shift_id/x-report" "" "$OUT/fd-x.json" GET)
    x_status=$1 x_time=$2
    set -- $(post "$mjar" "$mcsrf" "/api/v1/shifts/$shift_id/close" \
        "{\"closing_count\":[{\"denomination_fen\":10000,\"pieces\":$hundreds}],\"reason\":\"bench\"}" \
        "$OUT/fd-close.json")
    if [ "$1" = 200 ]; then
        z_total=$(json_get "$OUT/fd-close.json" '$.report.payments_total_fen')
        say "      GET  /shifts/:id/x-report (live, $x_status): $(awk -v s="$x_time" 'BEGIN { printf "%.1f", s * 1000 }') ms"
        say "      POST /shifts/:id/close (Z frozen):   $(awk -v s="$2" 'BEGIN { printf "%.1f", s * 1000 }') ms; Z payments total $z_total fen, $(wc -c <"$OUT/fd-close.json") bytes of reply"
    else
        say "      POST /shifts/:id/close: HTTP $1; see $OUT/fd-close.json"
    fi
fi
stop_server
