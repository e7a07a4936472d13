# Appended to /etc/bash.bashrc in the sandbox: a plain prompt, and the command
# recorder the lab server reads for "action" checks.
#
# Bash runs the DEBUG trap before every simple command it executes (after alias
# expansion; here-doc bodies included), so each executed command gets a record of
# its own: two commands on one line get two records with their own times, a
# repeated command is recorded again, and a command that && or || skipped is not
# recorded at all. A record is written once its exit status is known (at the next
# trap: PIPESTATUS then holds one status per element of the pipeline just run):
#
#   1 <tab> shell pid <tab> seq <tab> start µs <tab> end µs <tab> status <tab> command
#
# with backslashes, tabs and newlines of the command escaped as \\, \t and \n.
# The lab server parses the command with a shell parser (server/grading/evidence).
# Each command line the reader typed gets a record too, before its commands':
#
#   2 <tab> shell pid <tab> seq of its first command <tab> start µs <tab> the line
#
# (the line as history keeps it, escaped alike), so that a rebuilt machine can
# replay whole lines: a loop or a pipeline is one line but several commands.
PS1='root@netlab:\w# '
HISTCONTROL=
__netlab_log=/var/log/netlab/commands.log
__netlab_seq=0
__netlab_open=()
__netlab_cmds=()
__netlab_hist=

# Writes the open records with their statuses: the last ones get PIPESTATUS in
# order, any earlier ones (a compound command's parts) the last status.
__netlab_close() {
  local rc=$1 now=$2 n=${#__netlab_open[@]} i j
  shift 2
  local -a ps=("$@")
  for ((i = 0; i < n; i++)); do
    j=$((i - n + ${#ps[@]}))
    ((j >= 0)) && rc=${ps[j]}
    printf '%s\t%s\t%s\t%s\n' "${__netlab_open[i]}" "$now" "$rc" "${__netlab_cmds[i]}" \
      >>"$__netlab_log" 2>/dev/null
  done
  __netlab_open=()
  __netlab_cmds=()
}

# Always returns 0: with `shopt -s extdebug` a non-zero return would skip the command.
__netlab_debug() {
  local rc=$? ps=("${PIPESTATUS[@]}") now=${EPOCHREALTIME/[.,]/} c
  ((${#__netlab_open[@]})) && __netlab_close "$rc" "$now" "${ps[@]}"
  [[ $BASH_COMMAND == __netlab_* ]] && return 0
  # HISTCMD changes once per line typed; $(history 1) is the one fork per line.
  if [[ $HISTCMD != "$__netlab_hist" ]]; then
    __netlab_hist=$HISTCMD
    __netlab_line "$now"
  fi
  c=${BASH_COMMAND//\\/\\\\}
  c=${c//$'\t'/\\t}
  c=${c//$'\n'/\\n}
  __netlab_seq=$((__netlab_seq + 1))
  __netlab_open+=("1	$$	$__netlab_seq	$now")
  __netlab_cmds+=("$c")
  return 0
}

# Records the line being run (history's current entry, its number cut off).
__netlab_line() {
  local l
  l=$(HISTTIMEFORMAT= history 1)
  [[ $l =~ ^[[:space:]]*[0-9]+\*?[[:space:]][[:space:]](.*)$ ]] && l=${BASH_REMATCH[1]}
  l=${l//\\/\\\\}
  l=${l//$'\t'/\\t}
  l=${l//$'\n'/\\n}
  printf '2\t%s\t%s\t%s\t%s\n' "$$" "$((__netlab_seq + 1))" "$1" "$l" >>"$__netlab_log" 2>/dev/null
}

# While the lab server replays a reader's lines on a rebuilt machine (it makes
# the flag file), each prompt tells it the last line's exit status and that the
# shell is ready for the next one.
__netlab_replay=/var/log/netlab/replay
__netlab_replayed() {
  printf '%s\n' "$1" >"$__netlab_replay.status"
  tmux wait-for -S netlab-replay 2>/dev/null
}

# The prompt hook records nothing itself: the DEBUG trap that runs before it
# closes the records of the line just run. (There is no EXIT trap: bash runs the DEBUG
# trap again before it, with the last command's text, which would record it twice.
# A command still running when the shell is killed is therefore not recorded.)
__netlab_prompt() {
  local rc=$?
  [[ -e $__netlab_replay ]] && __netlab_replayed "$rc"
  return 0
}
# Recording starts at the first prompt, so that what the start-up files run after
# this one (a login shell's ~/.profile: `[ "$BASH" ]`, `mesg n`) is not taken for
# the reader's commands.
__netlab_start() {
  PROMPT_COMMAND=__netlab_prompt
  trap __netlab_debug DEBUG
  __netlab_prompt
}
PROMPT_COMMAND=__netlab_start
