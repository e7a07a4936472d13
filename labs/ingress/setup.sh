#!/bin/sh
# Chapter 9's two "services" on a Docker network, as the chapter makes them:
# the user-defined network cluster (DNS), web-1 behind the alias web (httpd with a
# page naming it), api-1 behind the alias api (busybox httpd serving /api/). The
# ingress rules live in /root/ingress/default.conf, which answers every host with
# the default backend's 404 until the reader adds rules.
set -eu
docker network create cluster >/dev/null
docker run -d --name web-1 --network cluster --network-alias web httpd >/dev/null
docker exec web-1 sh -c 'echo "<h1>shop front (web-1)</h1>" > /var/www/html/index.html'
docker run -d --name api-1 --network cluster --network-alias api busybox \
  sh -c 'mkdir -p /www/api && echo "{\"service\": \"api\", \"pod\": \"api-1\"}" > /www/api/index.html && httpd -f -p 80 -h /www' >/dev/null
mkdir -p /root/ingress
cat >/root/ingress/default.conf <<'CONF'
# The ingress rules of chapter 9: one server block per host. Until a rule
# matches, the default backend answers 404, as an ingress controller's does.
server {
    listen 80 default_server;
    return 404 "no ingress rule for host $host\n";
}
CONF
