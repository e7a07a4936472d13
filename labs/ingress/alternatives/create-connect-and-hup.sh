#!/bin/sh
# Another correct solution: the ingress created first and connected to cluster
# before it starts, the rules in files of their own included from the site
# config, web-2 given its alias by docker network connect, and nginx told to
# reload with SIGHUP through docker kill.
set -eu
cat >/root/ingress/shop.rules <<CONF
server {
    listen 80;
    server_name shop.$domain;
    location / { proxy_pass http://web; }
    location /api/ { proxy_pass http://api; }
}
CONF
cat >/root/ingress/default.conf <<'CONF'
include /etc/nginx/ingress.d/*.rules;
server {
    listen 80 default_server;
    return 404 "no ingress rule for host $host\n";
}
CONF
docker create --name ingress -p 8080:80 \
  -v /root/ingress/default.conf:/etc/nginx/sites-enabled/default:ro \
  -v /root/ingress:/etc/nginx/ingress.d:ro nginx
docker network disconnect bridge ingress
docker network connect cluster ingress
docker start ingress
timeout 60 sh -c 'until curl -s -m 2 -o /dev/null http://localhost:8080/; do sleep 0.2; done'
docker kill -s HUP ingress
docker create --name web-2 httpd
docker network disconnect bridge web-2
docker network connect --alias web cluster web-2
docker start web-2
docker exec web-2 sh -c 'echo "<h1>shop front (web-2)</h1>" > /var/www/html/index.html'
docker kill -s HUP ingress
sleep 1
