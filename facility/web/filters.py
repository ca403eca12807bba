"""Template filters that read codes and figures as words (facility.words)."""

from flask import Flask

from facility import words


def register_filters(app: Flask) -> None:
    """`say`, `count`, `duration`, `day` and `chart_label` in every template."""
    app.add_template_filter(words.say, "say")
    app.add_template_filter(words.count, "count")
    app.add_template_filter(words.duration, "duration")
    app.add_template_filter(words.day, "day")
    app.add_template_filter(words.short_label, "chart_label")
