#!/bin/bash
# tmux's own cost, inside a container of the sandbox image with nothing else
# running. Prints "<way> <MB/s>" per way and round.
#   tmux-cost.sh <rounds>          the same 50 MB written to /dev/null, through
#                                  one pty (script), into a tmux pane with no
#                                  client, and into a tmux pane whose client
#                                  sits on a pty drained at once;
#   tmux-cost.sh <rounds> options  into a pane with a client, under the
#                                  sandbox's tmux.conf and under variants of it.
set -eu
export TERM=xterm-256color
rounds=${1:-5}
head -c 37500000 /dev/urandom | base64 -w 100 >/tmp/big
# Timed inside the writer: cat returns once the last byte is in the pty.
# writer.sh <tmux socket name> <channel to signal, or none> <delay>
cat >/tmp/writer.sh <<'W'
sleep "$3"
s=$(date +%s%N); cat /tmp/big; e=$(date +%s%N)
echo "$(( 50000000000 / ((e - s) / 1000) ))" >/tmp/rate
[ "$2" = none ] || tmux -L "$1" wait-for -S "$2"
W
rate() { awk '{ printf "%.1f", $1 / 1000 }' /tmp/rate; }

ways() {
  s=$(date +%s%N); cat /tmp/big >/dev/null; e=$(date +%s%N)
  awk -v ns=$((e - s)) 'BEGIN { printf "dev-null %.1f\n", 50000 / (ns / 1000000) }'
  script -qfc 'bash /tmp/writer.sh default none 0' /dev/null >/dev/null
  echo "pty $(rate)"
  tmux kill-server 2>/dev/null || true
  tmux new-session -d -s x -x 80 -y 24
  tmux new-window -d -t x: -n alone -- bash /tmp/writer.sh default alone 0.2
  tmux wait-for alone
  echo "tmux-no-client $(rate)"
  tmux new-window -d -t x: -n seen -- bash /tmp/writer.sh default seen 1.5
  # Its input stays open and empty: the client stays attached.
  (sleep 60 | script -qfc 'tmux attach -t x:seen' /dev/null >/dev/null &)
  sleep 1
  [ "$(tmux list-clients | wc -l)" = 1 ] || { echo "no client attached" >&2; exit 1; }
  tmux wait-for seen
  echo "tmux-client $(rate)"
}

# variant <name> <tmux commands (as "t ...") run before the pane starts> [columns] [reader]
# Each on a server of its own (-L): a killed server may still hold its socket.
# The reader drains the client's terminal; by default /dev/null takes it at once.
variant() {
  local cols=${3:-80} sock="$1-$round" reader=${4:-}
  t() { tmux -L "$sock" "$@"; }
  t new-session -d -s x -x "$cols" -y 24
  eval "$2"
  t new-window -d -t x: -n seen -- bash /tmp/writer.sh "$sock" seen 1.5
  local attach="stty cols $cols rows 24; tmux -L $sock attach -t x:seen"
  if [ -z "$reader" ]; then
    (sleep 30 | script -qfc "$attach" /dev/null >/dev/null &)
  else
    (sleep 30 | script -qfc "$attach" /dev/null | sh -c "$reader" &)
  fi
  t wait-for seen
  echo "$1 $(rate)"
  t kill-server
}
options() {
  variant default :
  variant history-0 't set -g history-limit 0'
  variant history-2000 't set -g history-limit 2000'
  variant no-rename-no-monitor 't set -g automatic-rename off; t set -g allow-rename off; t set -g monitor-activity off; t set -g monitor-bell off'
  variant 200-columns : 200
  # A reader that takes 4 KiB every 10 ms, as a slow browser or a busy chain
  # would: tmux should discard what the client cannot take, and the pane keep pace.
  variant slow-reader : 80 "perl -e 'while (sysread(STDIN, \$b, 4096)) { select(undef, undef, undef, 0.01) }'"
}

for round in $(seq "$rounds"); do
  if [ "${2:-}" = options ]; then options; else ways; fi
done
tmux kill-server 2>/dev/null || true
