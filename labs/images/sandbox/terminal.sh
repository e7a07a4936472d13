#!/bin/sh
# The browser terminal's command: attach to one window of the sandbox's
# persistent tmux session, creating the session or the window on first use.
#
#   terminal.sh <window> [ro] [rows] [cols]
# Every client gets its own grouped session (shared windows, its own current
# window) that tmux destroys when the client detaches. Before attaching, the
# window's scrollback is printed so that a reconnecting browser gets it back.
set -eu
window=${1:-main}
mode=${2:-rw}
rows=${3:-24}
cols=${4:-}
base=netlab

# Several terminals may open at once on a fresh sandbox: whoever loses the race
# to create the session finds it there.
tmux new-session -d -s "$base" -n main -c /root 2>/dev/null || tmux has-session -t "=$base"
tmux list-windows -t "=$base" -F '#{window_name}' | grep -qx "$window" ||
  tmux new-window -d -t "=$base:" -n "$window" -c /root

# A writer's size first: lines that a narrower or shorter window pushes into the
# history on attach would come after the history is printed, and be lost. The
# resize makes the window's size manual until this client has attached: a
# client still attached at another size (the one this terminal replaces) must
# not size it back in between. Then it follows the latest client again.
follow=
if [ "$mode" = rw ] && [ -n "$cols" ]; then
  tmux resize-window -t "=$base:$window" -x "$cols" -y "$rows" 2>/dev/null || true
  follow="set-window-option -u -t =$base:$window window-size"
fi

# The history and the visible screen as one text, wrapped lines joined (a line
# split between the two comes whole), less its last newline: the screen lands
# on the terminal's screen row for row, the history in its scrollback, and
# tmux's redraw on attach draws over the screen as it is.
tmux capture-pane -p -e -J -S -2000 -E - -t "=$base:$window" 2>/dev/null | head -c -1 || true

view="view-$$"
tmux new-session -d -t "=$base" -s "$view"
tmux select-window -t "=$view:$window"
# A read-only viewer (the instructor's peek) must not resize the reader's window.
flags=
[ "$mode" = ro ] && flags='-f read-only,ignore-size'
# destroy-unattached is set once the client is attached: set earlier, tmux
# would destroy the still unattached session at once.
# shellcheck disable=SC2086 # $flags and $follow are words or none
exec tmux attach-session $flags -t "=$view" \; set-option destroy-unattached on ${follow:+\; $follow}
