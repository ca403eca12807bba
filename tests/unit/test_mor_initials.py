"""The MOR's key of initials names each witness once, even when two share their initials."""

from types import SimpleNamespace

from facility.medobs.medpass import initials_key


def test_two_witnesses_with_the_same_initials_are_told_apart():
    users = {
        3: SimpleNamespace(id=3, name="Wren Walker"),
        9: SimpleNamespace(id=9, name="Will Webb"),
        5: SimpleNamespace(id=5, name="Nell Norris"),
    }
    assert initials_key(users) == {3: "WW", 5: "NN", 9: "WW2"}
