#!/usr/bin/env bash
# Runs the benchmarks (see README.md). Loopback only; every run is bounded in time.
#   benchmarks/run.sh load [--rounds=4 --seconds=8 --connections=16 --warmup=15 --setups=a,s,f,b,c,d,e,bm,cm,dm,ra,rs,rf,rb,rc,rd
#                          --thread-scan=rc,c --thread-levels=1,16,64,256]   r*: reactive (WebFlux, Netty)
#   benchmarks/run.sh micro [JMH options]    JMH: parsing + mapping, cache hit (own vs Caffeine), SHA-256 key, routing by issuer
#   benchmarks/run.sh filters [JMH options]  JMH: Spring Security's filters, one by one
#   benchmarks/run.sh memory [count]         heap held by a full cache (100,000 tokens)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-load}"
shift || true

./mvnw -B -q -ntp -pl benchmarks -am package -DskipTests
classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"

case "$what" in
  load)
    if ! command -v wrk >/dev/null; then
      apt-get update -qq && apt-get install -y -qq wrk
    fi
    exec java -cp "$classpath" dev.naistoken.benchmarks.load.LoadComparison --out=benchmarks/target/load "$@"
    ;;
  micro)
    exec java -cp "$classpath" org.openjdk.jmh.Main 'TokenHashBenchmark|CacheHitBenchmark|ResponseMappingBenchmark|RoutingBenchmark' "$@"
    ;;
  filters)
    exec java -cp "$classpath" org.openjdk.jmh.Main FilterChainBenchmark "$@"
    ;;
  memory)
    exec java -Xmx2g -cp "$classpath" dev.naistoken.benchmarks.CacheMemory "$@"
    ;;
  *)
    echo "usage: $0 load|micro|filters|memory [options]" >&2
    exit 2
    ;;
esac
