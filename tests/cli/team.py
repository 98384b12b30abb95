"""The team the two sharing tests (git, and plain file copies) share: two
people, a client each, one client of no one's, and how each device runs
touch as its person."""

TODAY = "2026-11-22"

PEOPLE_AND_CLIENTS = """
[people.pat]
name = "Pat Doe"

[people.lee]
name = "Lee Park"

[[clients]]
id = "acme"
team = ["pat"]
cadence = { any = "2w" }

[[clients]]
id = "bolt"
team = ["lee"]
cadence = { any = "2w" }

[[clients]]
id = "dana"
cadence = { any = "2w" }
since = 2026-01-01
"""


def runner(box):
    """touch(device, person, *args): runs touch as `person` with the
    clients file of the folder `device`; (status, stdout, stderr)."""
    def touch(device, person, *args):
        env = dict(box.env, TOUCH_USER=person,
                   TOUCH_CLIENTS=box.path(device, "clients.toml"), TOUCH_TODAY=TODAY)
        result = box.run(*args, env=env)
        return result.returncode, result.stdout.decode(), result.stderr.decode()
    return touch
