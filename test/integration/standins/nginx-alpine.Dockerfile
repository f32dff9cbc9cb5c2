# STAND-IN for docker.io/library/nginx:<NGINX_VERSION>-alpine, for the integration test only.
#
# Why: no image registry is reachable here, so the official nginx:*-alpine image cannot be pulled.
# This image is built from localhost/debian:bookworm-slim (../shared/tools/oci-build-setup.sh) with
# Debian's nginx package (apt's mirror is reachable from builds) and tagged under the official name,
# so the generated Dockerfiles build unmodified.
#
# What it keeps from the official image's layout: an `nginx` user and group (uid/gid 101),
# /etc/nginx/nginx.conf with `user nginx;`, `pid /var/run/nginx.pid;` and
# `include /etc/nginx/conf.d/*.conf;` (nginx-standin.conf beside this file), a default server in
# /etc/nginx/conf.d/default.conf serving /usr/share/nginx/html on port 80, temporary files under
# /var/cache/nginx (so chown-ing that folder lets nginx run as a non-root user, as the official
# image allows), logs to stdout/stderr, STOPSIGNAL SIGQUIT, CMD nginx -g 'daemon off;'.
# What differs: it is Debian (glibc, bash, apt), not Alpine, and Debian 12's nginx 1.22, not
# NGINX_VERSION; it is ~170 MB instead of ~50 MB, so absolute sizes measured on it are not the real ones.
FROM localhost/debian:bookworm-slim
ARG NGINX_VERSION=1.27
LABEL org.opencontainers.image.description="devstack-kit integration-test stand-in for nginx:${NGINX_VERSION}-alpine (Debian 12 nginx)"
COPY nginx-standin.conf nginx-standin-default.conf /tmp/nginx-standin/
RUN apt-get update \
 && apt-get install -y --no-install-recommends nginx \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 101 nginx \
 && useradd --system --uid 101 --gid nginx --no-create-home --home-dir /nonexistent --shell /bin/false nginx \
 && rm -rf /etc/nginx/sites-enabled /etc/nginx/sites-available \
 && mkdir -p /etc/nginx/conf.d /var/cache/nginx /usr/share/nginx/html \
 && mv /tmp/nginx-standin/nginx-standin.conf /etc/nginx/nginx.conf \
 && mv /tmp/nginx-standin/nginx-standin-default.conf /etc/nginx/conf.d/default.conf \
 && rmdir /tmp/nginx-standin \
 && { [ -f /usr/share/nginx/html/index.html ] || echo '<!doctype html><title>nginx stand-in</title>' > /usr/share/nginx/html/index.html; } \
 && ln -sf /dev/stdout /var/log/nginx/access.log \
 && ln -sf /dev/stderr /var/log/nginx/error.log \
 && nginx -t
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
