#!/bin/sh
# ip a was run on the machine, not in node1.
# expect: no-address-for-it: which ran in the machine, not in node1
set -eu
typed 'ip a'
