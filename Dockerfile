# Career Explorer: the app served by ${WORKERS} processes behind nginx (python3 dev.py serve; docs/deployment.md).
#   docker build -t career-explorer .
#   docker run --rm -p 8080:8080 -e WORKERS=2 career-explorer      → http://localhost:8080
#   docker run --rm -p 8080:8080 -e ALLOWED_HOSTS=careers.example.org career-explorer   (the name people use)
# Give the container about one CPU per worker and 0.75 GB per worker (more for a very large framework).
FROM python:3.11-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    WORKERS=2 \
    PORT=8080 \
    ALLOWED_HOSTS=localhost,127.0.0.1,::1

# Debian's nginx: the proxy in front of the workers. Its own service is never started; dev.py serve runs it
# with a configuration of its own, as the user below.
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin app

WORKDIR /app
# The pinned requirements first, so a change of code does not reinstall them.
# dev.py finds nginx with ui/processes.py (the standard library only), before the app is copied.
COPY requirements.txt dev.py ./
COPY ui/__init__.py ui/processes.py ./ui/
RUN python3 dev.py setup
COPY . .
# The app's bytecode, written once here: the app's user cannot write beside the code (dev.py compile_sources).
RUN python3 -m compileall -q app.py framework ui pages

USER app
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD python3 -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/_stcore/health', timeout=4)"
# Only requests for ALLOWED_HOSTS are answered (nginx and the app both check): set it to the name people use.
CMD ["sh", "-c", "exec python3 dev.py serve --workers ${WORKERS} --port ${PORT} --allowed-hosts ${ALLOWED_HOSTS}"]
