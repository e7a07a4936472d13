#!/bin/sh
# A dash instead of an underscore: the network is my-bridge.
# expect: create-network: there is no network named my_bridge
set -eu
docker network create -d bridge my-bridge
