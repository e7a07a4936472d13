#!/bin/sh
# web-2 is on cluster but has no alias web: the name web still means web-1 only,
# reload or not.
# expect: scale-web: shop front (web-2)
set -eu
cat >/root/ingress/default.conf <<CONF
server {
    listen 80;
    server_name shop.$domain;
    location /api/ { proxy_pass http://api; }
    location / { proxy_pass http://web; }
}
CONF
docker run -d --name ingress --network cluster -p 8080:80 \
  -v /root/ingress/default.conf:/etc/nginx/sites-enabled/default:ro nginx
timeout 60 sh -c 'until curl -s -m 2 -o /dev/null http://localhost:8080/; do sleep 0.2; done'
docker run -d --name web-2 --network cluster httpd
docker exec web-2 sh -c 'echo "<h1>shop front (web-2)</h1>" > /var/www/html/index.html'
docker exec ingress nginx -s reload
sleep 1
