# The web app is built with Node in a stage of its own; the image itself has Python only.
FROM node:20-slim AS web
WORKDIR /src
COPY schema.graphql ./
COPY web/package.json web/package-lock.json web/
RUN cd web && npm ci --no-audit --no-fund
COPY web web
RUN cd web && npm run build

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
# The dependencies and the build tools exactly as locked, each file checked against its
# hash (regenerate the lock with `make lock`), in a layer that code changes keep.
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock
COPY pyproject.toml README.md ./
COPY graph ./graph
COPY server ./server
COPY --from=web /src/server/web ./server/web
COPY ingestion ./ingestion
COPY osmosi ./osmosi
# Osmosi itself, with nothing fetched: its dependencies and build tools are installed above.
RUN pip install --no-deps --no-build-isolation . \
    && pip check \
    && useradd --create-home --uid 10001 osmosi && mkdir /data && chown osmosi /data
# Compile the numba kernels (PageRank, cores, Leiden, the shortlist's sampling, the advocacy
# posteriors) into the image (numba caches them beside the package), so that a container's
# first ranking does not spend seconds compiling.
RUN python -c "import networkx as nx; from graph.ranking.indexed import IndexedGraph; \
from graph.ranking.influence import influence; from graph.ranking.communities import detect_communities; \
from graph.ranking.shortlist import shortlist; G = IndexedGraph.of(nx.DiGraph([('a', 'b'), ('b', 'c')])); \
influence(G, seed=0); detect_communities(G); shortlist(G, 1, seed=0)" \
    && python -c "from graph.ranking.advocacy import stance; stance(None)"
USER osmosi
ENV OSMOSI_DATA_DIR=/data OSMOSI_HOST=0.0.0.0
EXPOSE 8000
CMD ["osmosi", "serve"]
