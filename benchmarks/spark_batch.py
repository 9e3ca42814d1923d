"""Run one policy's generated Spark SQL over a Parquet caseload and write the results as Parquet;
print how long it took and the persons per second. See docs/scale.md.

    zairyu sql children-2023 --dialect spark --as-of 2024-06-10 > children-2023.sql
    python benchmarks/spark_batch.py CASELOAD.parquet children-2023.sql RESULTS_DIR \
        [--master local[2]] [--partitions 4]

The same file runs on a cluster with ``spark-submit benchmarks/spark_batch.py ...`` (leave out
``--master`` there: spark-submit's own ``--master`` and the cluster's configuration apply). The
caseload is registered as the view ``persons`` (the default table name of ``zairyu sql``); the
results hold the ids, the role, and every variable, condition and the outcome, not the input
facts (join back on ``person_id``).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from pyspark.sql import SparkSession

KEPT = ("household_id", "person_id", "role")


def session(master: str | None, partitions: int) -> SparkSession:
    builder = SparkSession.builder.appName("zairyu-batch")
    if master:  # local mode for a measurement; on a cluster spark-submit chooses
        builder = (
            builder.master(master)
            .config("spark.ui.enabled", "false")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
        )
    builder = builder.config("spark.sql.shuffle.partitions", str(partitions))
    spark = builder.config("spark.ui.showConsoleProgress", "false").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def local_cpu_s() -> float | None:
    """CPU seconds of this process and its children (the local Spark JVM), where psutil is
    installed (the ``bench`` extra); on a cluster the executors' CPU is elsewhere."""
    try:
        import psutil  # noqa: PLC0415
    except ImportError:
        return None
    me = psutil.Process()
    times = [p.cpu_times() for p in [me, *me.children(recursive=True)]]
    return round(sum(t.user + t.system for t in times), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("caseload", help="Parquet person table (a file or a folder of files)")
    parser.add_argument("sql", type=Path, help="the output of zairyu sql --dialect spark")
    parser.add_argument("out", help="results folder (Parquet), replaced if it exists")
    parser.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's")
    parser.add_argument("--partitions", type=int, default=4, help="spark.sql.shuffle.partitions")
    args = parser.parse_args()
    started = time.perf_counter()
    spark = session(args.master, args.partitions)
    ready = time.perf_counter()
    people = spark.read.parquet(args.caseload)
    inputs = set(people.columns)
    people.createOrReplaceTempView("persons")
    result = spark.sql(args.sql.read_text(encoding="utf-8"))
    derived = [c for c in result.columns if c not in inputs]
    kept = [c for c in KEPT if c in inputs]
    result.select(*kept, *derived).write.mode("overwrite").parquet(args.out)
    done = time.perf_counter()
    persons = spark.read.parquet(args.out).count()
    cpu = local_cpu_s()
    spark.stop()
    figures = {
        "persons": persons,
        "session_start_s": round(ready - started, 2),
        "query_and_write_s": round(done - ready, 2),
        "persons_per_s": round(persons / (done - ready)),
        "local_cpu_s": cpu,
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
