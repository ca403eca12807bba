"""Run every benchmark and print its figures beside the baseline measured in the same run."""
from bench import handoff_build, ingest

if __name__ == "__main__":
    ingest.main()
    print()
    handoff_build.main()
