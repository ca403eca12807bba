"""The kinds of the record itself: corrections of other records."""

AMENDED = "event.amended"
VOIDED = "event.voided"
