"""Production hashes passwords at argon2id's full strength; only the test configuration makes it cheap."""

from argon2 import PasswordHasher
from argon2.profiles import RFC_9106_LOW_MEMORY
from flask import Flask

from facility import config as settings
from facility.auth.services import hash_password


def hash_under(config) -> str:
    app = Flask(__name__)
    app.config.from_object(config)
    with app.app_context():
        return hash_password("correct horse")


def test_the_production_configuration_hashes_with_the_librarys_strong_parameters(monkeypatch):
    for name in ("ARGON2_TIME_COST", "ARGON2_MEMORY_COST", "ARGON2_PARALLELISM"):
        monkeypatch.delenv(name, raising=False)
    stored = hash_under(settings.Config())
    params = (
        f"m={RFC_9106_LOW_MEMORY.memory_cost},t={RFC_9106_LOW_MEMORY.time_cost},p={RFC_9106_LOW_MEMORY.parallelism}"
    )
    assert stored.startswith(f"$argon2id$v=19${params}$")
    assert RFC_9106_LOW_MEMORY.memory_cost >= 65536 and RFC_9106_LOW_MEMORY.time_cost >= 3
    assert PasswordHasher().verify(stored, "correct horse")


def test_an_operator_may_raise_the_cost_through_the_environment(monkeypatch):
    monkeypatch.setenv("ARGON2_TIME_COST", "4")
    assert ",t=4," in hash_under(settings.Config())


def test_the_test_configuration_hashes_cheaply_and_a_strong_hash_still_verifies():
    stored = hash_under(settings.TestingConfig())
    assert stored.startswith("$argon2id$v=19$m=8,t=1,p=1$")
    assert PasswordHasher().verify(stored, "correct horse")
