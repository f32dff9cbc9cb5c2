# STAND-IN for docker.io/library/node:<NODE_MAJOR>-slim, for the integration test only.
#
# Why: no image registry is reachable here, so the official node:*-slim image cannot be pulled. This
# image is built from localhost/debian:bookworm-slim (../shared/tools/oci-build-setup.sh; the official
# image is Debian 12 slim too) and tagged under the official name, so the generated Dockerfiles build
# unmodified. Debian's apt mirror and the npm registry ARE reachable from builds, so `npm ci` really
# downloads and installs the locked packages.
#
# What it keeps from the real image: Debian 12 slim userland, `node` and `npm` on PATH, a `node`
# user and group with uid/gid 1000 and home /home/node, CMD ["node"].
# What differs: Node.js and npm are Debian's packages (Node 18 and npm 9 in Debian 12), not
# NODE_MAJOR; NODE_VERSION is not set. The image is much larger than the official one (Debian's npm
# pulls in a few hundred node-* packages), so image sizes measured on it are not the real ones.
FROM localhost/debian:bookworm-slim
ARG NODE_MAJOR=22
LABEL org.opencontainers.image.description="devstack-kit integration-test stand-in for node:${NODE_MAJOR}-slim (Debian 12 nodejs and npm)"
# host-ca-certificates.crt: the build host's CA bundle, written into a temporary copy of this folder
# by the test (empty when the host has none). npm trusts it, so `npm ci` also works behind a
# TLS-intercepting proxy whose CA the host trusts.
COPY host-ca-certificates.crt /usr/local/share/devstack-standin/host-ca-certificates.crt
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && if [ -s /usr/local/share/devstack-standin/host-ca-certificates.crt ]; then npm config set --global cafile /usr/local/share/devstack-standin/host-ca-certificates.crt; fi \
 && groupadd --gid 1000 node \
 && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \
 && node --version && npm --version
CMD ["node"]
