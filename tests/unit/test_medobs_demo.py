"""The demo's first doses are on today's med pass whatever the hour the demo is loaded."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from facility.medobs.demo import _first_dose

NY = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    "now, first",
    [
        ("2026-11-25 14:07", "2026-11-25 15:00"),
        ("2026-11-25 22:50", "2026-11-25 23:45"),
        ("2026-11-25 23:20", "2026-11-25 23:15"),  # 45 minutes on would be tomorrow's med pass
        ("2026-11-25 23:59", "2026-11-25 23:45"),
    ],
)
def test_the_first_demo_dose_is_due_soon_and_on_todays_pass(now, first):
    local = datetime.strptime(now, "%Y-%m-%d %H:%M").replace(tzinfo=NY)
    assert _first_dose(local).strftime("%Y-%m-%d %H:%M") == first
