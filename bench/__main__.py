"""Run every benchmark and print its figures beside the baseline measured in the same run."""
from bench import handoff_build

if __name__ == "__main__":
    handoff_build.main()
