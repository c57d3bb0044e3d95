"""The one union-find (``newsprism.link.keys.UnionFind``): sets whose representative is their
smallest member, whatever order the unions come in."""

from __future__ import annotations

from newsprism.link.keys import UnionFind


def test_each_index_starts_as_a_set_of_its_own() -> None:
    sets = UnionFind(range(3))
    assert sets.groups() == [[0], [1], [2]]
    assert [sets.find(i) for i in range(3)] == [0, 1, 2]


def test_the_representative_is_the_smallest_member_whatever_the_union_order() -> None:
    forward, backward = UnionFind(range(5)), UnionFind(range(5))
    for i, j in [(3, 4), (4, 1), (1, 3)]:
        forward.union(i, j)
    for i, j in [(1, 3), (4, 1), (3, 4)]:
        backward.union(j, i)
    assert {forward.find(i) for i in (1, 3, 4)} == {backward.find(i) for i in (1, 3, 4)} == {1}
    assert forward.groups() == backward.groups() == [[0], [1, 3, 4], [2]]


def test_groups_are_ordered_by_their_smallest_member_with_members_ascending() -> None:
    sets = UnionFind(range(6))
    sets.union(5, 2)
    sets.union(4, 0)
    sets.union(2, 4)
    assert sets.groups() == [[0, 2, 4, 5], [1], [3]]


def test_string_keys_join_and_a_key_met_first_by_find_is_added() -> None:
    names: UnionFind[str] = UnionFind()
    assert names.find("full:xi jinping") == "full:xi jinping"
    names.union("full:xi jinping", "full:xi jin ping")
    names.union("full:li qiang", "full:li qiang")
    assert names.find("full:xi jinping") == "full:xi jin ping"  # the smaller string
    assert names.groups() == [["full:xi jinping", "full:xi jin ping"], ["full:li qiang"]]


def test_a_long_chain_is_found_without_recursion() -> None:
    n = 100_000
    sets = UnionFind(range(n))
    for i in range(n - 1, 0, -1):
        sets.union(i, i - 1)
    assert sets.find(n - 1) == 0
    assert len(sets.groups()) == 1
