// The nurse console (filled in by the alerts work).
