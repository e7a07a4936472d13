#!/bin/sh
# ifconfig exists on the machine, but was never installed inside nginx1.
# expect: ifconfig-in-nginx1: dpkg says net-tools is not installed in nginx1
set -eu
ifconfig docker0 >/dev/null
