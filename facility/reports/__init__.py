"""What every report shares: a checked time range, the unit's shifts in it, their labels."""
