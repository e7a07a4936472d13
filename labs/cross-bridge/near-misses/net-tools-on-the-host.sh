#!/bin/sh
# ifconfig exists on the machine, but was never installed inside nginx1.
# expect: ifconfig-in-nginx1: executable file not found
set -eu
ifconfig docker0 >/dev/null
