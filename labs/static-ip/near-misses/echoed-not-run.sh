#!/bin/sh
# The refused command was only printed.
# expect: refused-on-default: no command like it in the terminal
set -eu
typed "echo docker run -d --ip $ip --name try busybox sleep 3600"
