"""facility: the shift and observation logger of a residential mental-health unit."""

from facility.app import create_app

__all__ = ["create_app"]
