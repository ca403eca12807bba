"""Run every benchmark and print its figures beside the baseline measured in the same run."""

from bench import alert_latency, board, facility_sweep, handoff_build, ingest, sync_batch

if __name__ == "__main__":
    for benchmark in (ingest, sync_batch, handoff_build, board, facility_sweep, alert_latency):
        benchmark.main()
        print()
