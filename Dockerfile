# Mobilise production image: one image for web processes and background workers.
#   docker build -t mobilise .
#   docker run -e SECRET_KEY=... -e ALLOWED_HOSTS=... -e DATABASE_URL=postgres://... -p 8000:8000 mobilise
#   docker run ... mobilise python manage.py db_worker        # a background worker
# See docs/deployment.md for the scale-out shape.

# 1. Front-end assets (NHS.UK frontend, htmx, cytoscape) built from the npm registry.
FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY scripts/build-assets.mjs scripts/
COPY mobilise/static mobilise/static
RUN npm run --silent build

# 2. The application, with pinned dependencies and the board paper's PDF libraries.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=mobilise.settings.production \
    PORT=8000 WEB_CONCURRENCY=3
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core \
      postgresql-client \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 mobilise
WORKDIR /app
COPY requirements/base.txt requirements/base.txt
RUN pip install --no-cache-dir -r requirements/base.txt
COPY . .
COPY --from=assets /build/mobilise/static/vendor mobilise/static/vendor
RUN pip install --no-cache-dir --no-deps . \
 && SECRET_KEY=build-only-not-secret ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput
USER mobilise
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,os; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/health/live')"
CMD ["sh", "-c", "exec gunicorn mobilise.wsgi --workers ${WEB_CONCURRENCY} --bind 0.0.0.0:${PORT} --access-logfile - --forwarded-allow-ips='*'"]
