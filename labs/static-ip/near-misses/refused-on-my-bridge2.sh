#!/bin/sh
# A docker run with --ip failed, but on my_bridge2 (an address outside its subnet),
# not on the default bridge: another refusal.
# expect: refused-on-default: which targeted the network my_bridge2, not bridge
set -eu
typed "docker run -d --network my_bridge2 --ip 10.1.2.3 --name try busybox sleep 3600" || true
