#!/bin/sh
# busybox's default command is sh, which exits at once without a terminal (-it) or a command.
# expect: run-busybox1: busybox1 is exited
set -eu
docker run -d --name busybox1 busybox
sleep 1
