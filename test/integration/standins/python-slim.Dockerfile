# STAND-IN for docker.io/library/python:<PYTHON_VERSION>-slim, for the integration test only.
#
# Why: the integration test really builds the examples' Dockerfiles with buildah, but the CI machine
# reaches no image registry (no Docker Hub) and no PyPI. So the official python:*-slim image cannot
# be pulled and `pip install uv` / `uv sync --frozen` cannot download anything. This image is built
# locally from localhost/debian:bookworm-slim (made by ../shared/tools/oci-build-setup.sh, the same
# Debian release the official image is based on) and tagged under the official name, so the
# generated Dockerfiles build unmodified.
#
# What it keeps from the real image: Debian 12 slim userland (useradd from `passwd` included),
# PYTHON_VERSION/LANG/PATH, and `pip` on PATH with no `uv` until `pip install uv` runs.
# What it replaces: there is NO Python interpreter. `pip` and `uv` are small POSIX shell scripts
# (pip, uv beside this file) that do deterministic offline work with the observable effect the
# Dockerfiles rely on: `pip install uv` installs the `uv` command; `uv sync --frozen` reads
# pyproject.toml and uv.lock in the working directory (and fails when either is missing), and
# creates .venv with one dist-info per locked package and a `.venv/bin/uvicorn` script. The .venv
# content is a function of those two files, so the dependency layer really depends on them.
FROM localhost/debian:bookworm-slim
ARG PYTHON_VERSION=3.13
LABEL org.opencontainers.image.description="devstack-kit integration-test stand-in for python:${PYTHON_VERSION}-slim (no interpreter; pip/uv are offline shell stand-ins)"
ENV LANG=C.UTF-8 \
    PYTHON_VERSION=${PYTHON_VERSION} \
    PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin
COPY pip uv /usr/local/lib/devstack-standin/
RUN chmod 0755 /usr/local/lib/devstack-standin/pip /usr/local/lib/devstack-standin/uv \
 && ln -s /usr/local/lib/devstack-standin/pip /usr/local/bin/pip \
 && ln -s /usr/local/lib/devstack-standin/pip /usr/local/bin/pip3 \
 && command -v useradd >/dev/null \
 && ! command -v uv >/dev/null
CMD ["bash"]
