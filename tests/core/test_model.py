import numpy as np
import pytest

from teller.errors import ModelError
from teller.model import Candidate, Contest, ElectionId, GroupMinimum, Profile


def test_profile_aggregates_and_canonicalises() -> None:
    a = Profile.from_rankings(3, [((0, 1), 2), ((2,), 1), ((0, 1), 3)])
    b = Profile.from_rankings(3, [((2,), 1), ((0, 1), 5)])
    assert a == b
    assert a.total == 6 and len(a) == 2
    assert a.digest() == b.digest()
    assert list(a) == [((0, 1), 5), ((2,), 1)]


def test_profile_is_read_only() -> None:
    p = Profile.from_rankings(2, [((0, 1), 1)])
    with pytest.raises(ValueError):
        p.rankings[0, 0] = 1


@pytest.mark.parametrize(
    "rows",
    [
        [[0, 0]],  # same candidate twice
        [[-1, 1]],  # a gap before a preference
        [[3]],  # no such candidate
    ],
)
def test_profile_rejects_impossible_rankings(rows: list[list[int]]) -> None:
    with pytest.raises(ModelError):
        Profile.from_arrays(3, np.array(rows), np.ones(len(rows)))


def test_first_preferences() -> None:
    p = Profile.from_rankings(3, [((0, 1), 2), ((2,), 1), ((), 4)])
    assert p.first_preferences().tolist() == [2, 0, 1]


def test_election_id() -> None:
    eid = ElectionId.parse("local.aberdeen-city.torry-ferryhill.2017-05-04")
    assert eid.election_type == "local"
    assert str(eid) == "local.aberdeen-city.torry-ferryhill.2017-05-04"
    for bad in ("local", "local.Aberdeen.2017-05-04", "local.aberdeen.2017-5-4"):
        with pytest.raises(ModelError):
            ElectionId.parse(bad)


def test_contest_checks() -> None:
    cands = (Candidate("A"), Candidate("B"))
    with pytest.raises(ModelError):
        Contest((Candidate("A"), Candidate("A")))
    with pytest.raises(ModelError):
        Contest(cands, seats=0)
    with pytest.raises(ModelError):
        Contest(cands, group_minimum=GroupMinimum("women", frozenset({"Z"}), 1))
    c = Contest(cands, options={"x": 1})
    with pytest.raises(TypeError):
        c.options["x"] = 2  # type: ignore[index]
    assert c.replace(seats=2).seats == 2


def test_top_level_count_is_the_function_even_after_the_subpackage_loads() -> None:
    import teller.count  # noqa: F401  (the subpackage shares the name)
    from teller import count

    assert callable(count)


def test_registry_index_agrees_with_every_rule_set() -> None:
    from teller.count import get_rule_set
    from teller.count.registry import ENTRIES

    seen = set()
    for entry in ENTRIES:
        rule_set = entry.load()
        row = (entry.method, entry.name, entry.aliases, entry.default)
        assert row == (rule_set.method, rule_set.name, rule_set.aliases, rule_set.default)
        assert get_rule_set(entry.method, entry.name) is rule_set
        seen.add((entry.method, entry.name))
    assert len(seen) == len(ENTRIES)
    defaults = [e.method for e in ENTRIES if e.default]
    assert sorted(defaults) == sorted({e.method for e in ENTRIES})  # one default per method
