/**
 * Chapter 9: Ingress — an nginx reverse proxy that routes by Host and path to
 * two "Services" (Docker network aliases with one or more containers each).
 */
import type { Scenario } from '../types.ts';

const CONFIG = `cat > ingress/default.conf <<'EOF'
# Host shop.example.com: /api/ goes to the api service, the rest to web.
server {
    listen 80;
    server_name shop.example.com;
    location /api/ {
        proxy_pass http://api;
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
    location / {
        proxy_pass http://web;
        proxy_set_header Host $host;
    }
}
# Any other host: the default backend answers 404, as an ingress controller does.
server {
    listen 80 default_server;
    return 404 "no ingress rule for host $host\\n";
}
EOF`;

const shop = "curl -s -H 'Host: shop.example.com' http://localhost:8080";
const page = (name: string): string =>
  `docker exec ${name} sh -c 'echo "<h1>shop front (${name})</h1>" > /var/www/html/index.html'`;

export const ingress: Scenario = {
  chapter: 'ingress',
  steps: [
    { name: 'network', cmd: 'docker network create cluster' },
    {
      name: 'web',
      cmd: [
        'docker run -d --name web-1 --network cluster --network-alias web httpd',
        'docker run -d --name web-2 --network cluster --network-alias web httpd',
        page('web-1'),
        page('web-2'),
      ].join('\n'),
    },
    {
      name: 'api',
      cmd: `docker run -d --name api-1 --network cluster --network-alias api busybox \\
  sh -c 'mkdir -p /www/api && echo "{\\"service\\": \\"api\\", \\"pod\\": \\"api-1\\"}" > /www/api/index.html && httpd -f -p 80 -h /www'`,
    },
    {
      name: 'addresses',
      cmd: "docker network inspect cluster --format '{{range .Containers}}{{.Name}} {{.IPv4Address}}{{println}}{{end}}'",
      expect: ['api-1 172.18.0.4/16'],
    },
    {
      name: 'service-dns',
      cmd: 'docker run --rm --network cluster busybox nslookup web',
      expect: ['172.18.0.2', '172.18.0.3'],
    },
    { name: 'config', cmd: ['mkdir -p ingress', CONFIG].join('\n') },
    {
      name: 'run-ingress',
      cmd: `docker run -d --name ingress --network cluster -p 8080:80 \\
  -v /root/ingress/default.conf:/etc/nginx/sites-enabled/default:ro nginx`,
    },
    {
      name: 'by-host',
      before: 'until curl -s -m 2 -o /dev/null http://localhost:8080/; do sleep 0.2; done',
      cmd: `${shop}/`,
      expect: ['shop front'],
    },
    { name: 'by-path', cmd: `${shop}/api/`, expect: ['"service": "api"'] },
    {
      name: 'default-backend',
      cmd: "curl -si -H 'Host: blog.example.com' http://localhost:8080/",
      expect: ['404 Not Found', 'no ingress rule for host blog.example.com'],
    },
    {
      name: 'spread',
      cmd: `for i in 1 2 3 4; do ${shop}/; done`,
      expect: ['web-1', 'web-2'],
    },
    {
      name: 'resolve',
      cmd: 'curl -s --resolve shop.example.com:8080:127.0.0.1 http://shop.example.com:8080/api/',
      expect: ['"pod": "api-1"'],
    },
    {
      name: 'host-header',
      cmd: "curl -sv http://localhost:8080/ 2>&1 | grep -E '^> Host|^no ingress'",
      expect: ['> Host: localhost:8080', 'no ingress rule for host localhost'],
    },
    {
      name: 'prefix-no-slash',
      cmd: `curl -s -o /dev/null -w '%{http_code} %{redirect_url}\\n' -H 'Host: shop.example.com' http://localhost:8080/api`,
      expect: ['301 http://shop.example.com/api/'],
    },
    { name: 'nat-output', cmd: 'iptables -t nat -S OUTPUT', expect: ['! -d 127.0.0.0/8'] },
    { name: 'docker-proxy', cmd: "ss -ltnp 'sport = :8080'", expect: ['docker-proxy'] },
    { name: 'published-port', cmd: 'iptables -t nat -S DOCKER', expect: ['--dport 8080 -j DNAT'] },
    {
      // Every request so far went to localhost: the DNAT rule has counted none of them.
      name: 'dnat-counter',
      cmd: [
        'iptables -t nat -L DOCKER -n -v -x | grep DNAT',
        `curl -s -o /dev/null -H 'Host: shop.example.com' http://172.17.0.1:8080/`,
        'iptables -t nat -L DOCKER -n -v -x | grep DNAT',
      ].join('\n'),
      expect: ['DNAT'],
    },
    {
      name: 'backend-log',
      cmd: 'docker logs web-1 2>&1 | tail -n 2',
      expect: ['172.18.0.5 - -', 'GET / HTTP/1.0'],
    },
    {
      name: 'scale-up',
      cmd: [
        'docker run -d --name web-3 --network cluster --network-alias web httpd',
        page('web-3'),
        `for i in 1 2 3 4 5 6; do ${shop}/; done`,
      ].join('\n'),
      expect: ['web-1', 'web-2'],
      reject: ['web-3'],
    },
    {
      name: 'reload',
      cmd: [
        'docker exec ingress nginx -s reload',
        'sleep 1',
        `for i in 1 2 3 4 5 6; do ${shop}/; done`,
      ].join('\n'),
      expect: ['web-3'],
    },
    {
      name: 'missing-upstream',
      cmd: 'docker run --rm -v /root/ingress/default.conf:/etc/nginx/sites-enabled/default:ro nginx nginx -t',
      fails: true,
      expect: ['host not found in upstream'],
    },
  ],
};
