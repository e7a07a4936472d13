#!/bin/bash
# tmux's own cost, inside a container of the sandbox image with nothing else
# running: the same 50 MB written to /dev/null, through one pty (script), into
# a tmux pane with no client, and into a tmux pane whose client sits on a pty
# drained at once. Prints "<way> <MB/s>" per way and round.
set -eu
export TERM=xterm-256color
rounds=${1:-5}
head -c 37500000 /dev/urandom | base64 -w 100 >/tmp/big
# Timed inside the writer: cat returns once the last byte is in the pty.
cat >/tmp/writer.sh <<'W'
sleep "$2"
s=$(date +%s%N); cat /tmp/big; e=$(date +%s%N)
echo "$(( 50000000000 / ((e - s) / 1000) ))" >/tmp/rate
[ "$1" = none ] || tmux wait-for -S "$1"
W
rate() { awk '{ printf "%.1f", $1 / 1000 }' /tmp/rate; }
for _ in $(seq "$rounds"); do
  s=$(date +%s%N); cat /tmp/big >/dev/null; e=$(date +%s%N)
  awk -v ns=$((e - s)) 'BEGIN { printf "dev-null %.1f\n", 50000 / (ns / 1000000) }'
  script -qfc 'bash /tmp/writer.sh none 0' /dev/null >/dev/null
  echo "pty $(rate)"
  tmux kill-server 2>/dev/null || true
  tmux new-session -d -s x -x 80 -y 24
  tmux new-window -d -t x: -n alone -- bash /tmp/writer.sh alone 0.2
  tmux wait-for alone
  echo "tmux-no-client $(rate)"
  tmux new-window -d -t x: -n seen -- bash /tmp/writer.sh seen 1.5
  # Its input stays open and empty: the client stays attached.
  (sleep 60 | script -qfc 'tmux attach -t x:seen' /dev/null >/dev/null &)
  sleep 1
  [ "$(tmux list-clients | wc -l)" = 1 ] || { echo "no client attached" >&2; exit 1; }
  tmux wait-for seen
  echo "tmux-client $(rate)"
done
tmux kill-server 2>/dev/null || true
