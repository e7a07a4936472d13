#!/bin/sh
# brctl show and docker run on one line: brctl show ran first, before busybox1 started.
# expect: look-at-bridge: but before busybox1 last started
set -eu
typed 'brctl show; docker run -d --name busybox1 busybox sleep 3600'
