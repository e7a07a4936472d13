#!/bin/sh
# nginx1 was connected to my_bridge2 instead of httpd1.
# expect: connect-httpd1: httpd1 is not on my_bridge2
set -eu
docker network connect my_bridge2 nginx1
