"""Splitting run-together names into people (parse/names.py, parse/surname_data.py)."""

from __future__ import annotations

import pytest

from syndicate.parse.dateline import parse_roles, split_names
from syndicate.parse.names import COMPOUND_PPM, SINGLE_PPM, split_run, surname_of


@pytest.mark.parametrize(
    ("run", "names", "doubtful"),
    [
        ("王五", ["王五"], False),  # up to three characters: one person
        ("欧阳晓明", ["欧阳晓明"], False),  # a compound surname and a two-character name
        ("王五赵六", ["王五", "赵六"], False),  # four, no compound surname: two people
        ("赵六钱七孙八", ["赵六", "钱七", "孙八"], False),
        ("张晓明李华", ["张晓明", "李华"], False),  # 张晓 明李华 needs the rare surname 明
        ("楼斌李周龙", ["楼斌", "李周龙"], True),  # 楼斌李 周龙 is nearly as likely
        ("司马光王小明", ["司马光", "王小明"], False),
        ("的地得", ["的地得"], False),
        ("叁肆伍陆柒", ["叁肆伍陆柒"], True),  # nothing explains it: kept whole, doubtful
    ],
)
def test_split_run(run: str, names: list[str], doubtful: bool) -> None:
    assert split_run(run) == (names, doubtful)


@pytest.mark.parametrize(
    ("name", "surname"),
    [
        ("王五", "王"),
        ("欧阳修", "欧阳"),
        ("诸葛亮", "诸葛"),
        ("濮小燕", "濮"),
        ("亓玉昆", "亓"),
        ("被拉黑", None),
        ("敏敏", None),
    ],
)
def test_surname_of(name: str, surname: str | None) -> None:
    assert surname_of(name) == surname


def test_the_data_is_a_maintained_list_not_ten_names() -> None:
    assert len(SINGLE_PPM) > 400 and len(COMPOUND_PPM) > 50
    assert SINGLE_PPM["王"] > SINGLE_PPM["楼"] > 0  # frequencies, commonest first
    assert "诸" in SINGLE_PPM  # from the 百家姓 where the frequency data lacks it
    assert {"肖", "闫", "付"} <= SINGLE_PPM.keys()  # modern forms the 百家姓 lacks
    assert "敏" not in SINGLE_PPM  # a given-name character, dropped


def test_bylines_split_run_together_names() -> None:
    got = parse_roles("记者王五通讯员赵六钱七")
    assert [(b.role, b.name) for b in got] == [
        ("reporter", "王五"),
        ("correspondent", "赵六"),
        ("correspondent", "钱七"),
    ]
    assert split_names("朱  磊") == ["朱磊"]  # typesetter padding is not two people
