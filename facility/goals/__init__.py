"""The resident's goals: one table, owned by the treatment plan, that daily care's progress notes attach to.

A goal comes into it two ways: a clinician's plan names it (a goal of the plan in force takes notes; one of a draft
or of a superseded version waits or rests), or a nurse or lead sets it from the floor (`goal.set`) while the plan is
being written. Both are rows of `goals`, so a progress note's `goal_ids` name one table whichever way a goal came.

It sits on a floor of its own, under the leaf domains and over the census: clinical (whose plan owns the goals, and
which declares the table's projection) and care (which sets goals from the floor and reads them for notes) both
import it, and neither imports the other.
"""

# The kind of a goal set from the floor (declared by daily care, whose endpoint records it).
GOAL_SET = "goal.set"

# Where a goal came from.
FLOOR, PLAN = "floor", "plan"
