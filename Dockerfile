# Loanbook: build the release binary, then run it as a non-root user on a
# slim Debian. `docker compose up` runs it against PostgreSQL; without
# LOANBOOK_DATABASE_URL it keeps a SQLite file in the /data volume.

FROM rust:1.95-bookworm AS builder
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p loanbook-api

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
        fonts-wqy-microhei \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --user-group --home-dir /data \
        --shell /usr/sbin/nologin loanbook \
    && mkdir -p /data \
    && chown loanbook:loanbook /data
COPY --from=builder /src/target/release/loanbook /usr/local/bin/loanbook

ENV LOANBOOK_BIND=0.0.0.0:8080 \
    LOANBOOK_DATA_DIR=/data \
    LOANBOOK_LOG_FORMAT=json
VOLUME /data
EXPOSE 8080
USER loanbook
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1

ENTRYPOINT ["loanbook"]
CMD ["serve"]
