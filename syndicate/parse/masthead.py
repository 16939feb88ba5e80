"""The masthead (报头): paper name, 主管/主办/出版, CN number, hotline, date and issue numbers.

The masthead is the run of lines at the top of the first page that carry masthead fields.
Unlabelled short lines inside that run are the paper's name (the one that ends like a
paper's name, else the first) and its slogan. Masthead lines never become articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0}

#: Every lunar month as printed: 正月…十月, 冬月 (十一月), 腊月 (十二月), and leap months (闰二月).
LUNAR_MONTH = r"闰?(?:正|十一|十二|冬|腊|[一二三四五六七八九十])月"
#: 初一…初十, 十一…十九, 二十/廿…, 三十/卅; a longer form before a shorter one.
_D = "一二三四五六七八九"
LUNAR_DAY = rf"(?:初[{_D}十]|二十[{_D}]?|廿[{_D}]?|三十|卅|十[{_D}]?)"

_FIELDS: dict[str, re.Pattern[str]] = {
    "supervisor": re.compile(
        r"主管(?:单位)?\s*[:：]\s*(?P<v>\S.{0,40}?)(?=\s{2,}|\s+主办|\s+出版|$)"
    ),
    "sponsor": re.compile(r"主办(?:单位)?\s*[:：]\s*(?P<v>\S.{0,40}?)(?=\s{2,}|\s+主管|\s+出版|$)"),
    "publisher": re.compile(r"出版(?:单位)?\s*[:：]\s*(?P<v>\S.{0,40}?)(?=\s{2,}|$)"),
    "publisher2": re.compile(r"^(?P<v>[\u4e00-\u9fff()（）]{2,30}?)\s*出版$"),
    "sponsor2": re.compile(r"^(?P<v>[\u4e00-\u9fff()（）]{2,30}?)\s*主办$"),
    "supervisor2": re.compile(r"^(?P<v>[\u4e00-\u9fff()（）]{2,30}?)\s*主管$"),
    "cn": re.compile(
        r"(?:国内统一(?:连续出版物)?刊号\s*[:：]?\s*)?CN\s*(?P<v>\d{2}\s*[-－—]\s*\d{4})(?:\s*/\s*[A-Z]+)?"
    ),
    "issn": re.compile(r"(?:国际标准连续出版物号\s*[:：]?\s*)?ISSN\s*[\d-]{8,9}X?"),
    "hotline": re.compile(
        r"(?:报纸|新闻|报料|读者|服务)?热线(?:电话)?\s*[:：]?\s*"
        r"(?P<v>[\d０-９][\d０-９\-－ ]{5,18}\d)"
    ),
    "date": re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
    "date_cn": re.compile(
        r"(?P<y>[〇一二三四五六七八九零○]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日"
    ),
    "weekday": re.compile(r"(?P<v>星期[一二三四五六日天]|周[一二三四五六日])"),
    "lunar": re.compile(
        r"(?P<v>(?:农历|[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年)\s*"
        r"(?:[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年\s*)?(?:[\u4e00-\u9fff]{1,2}年\s*)?"
        rf"{LUNAR_MONTH}(?:\s*{LUNAR_DAY})?)"
    ),
    "serial": re.compile(r"[\u4e00-\u9fff]{0,8}?总第\s*(?P<v>[\d０-９]+)\s*期"),
    "number_in_year": re.compile(r"\d{4}\s*年\s*第\s*(?P<v>[\d０-９]+)\s*期"),
    "serial2": re.compile(r"^第\s*(?P<v>[\d０-９]+)\s*期$"),
    "ignored": re.compile(
        r"(?:邮发代号|广告(?:经营)?许可证|社址|邮编|邮政编码|网址|投稿邮箱|电子邮箱|定价|零售价|"
        r"印刷|(?:今日|本期(?:共)?)\s*[\d一二三四五六七八九十]+\s*版|总编辑|社长)\s*[:：]?\s*\S*"
    ),
}
_PAPER_SUFFIX = re.compile(r"(?:日报|晚报|晨报|周报|时报|商报|导报|快报|新闻|报|周刊|旬刊)$")
_SEPARATORS = re.compile(r"[\s\u3000·•|｜/、，,;；]+")


@dataclass
class Masthead:
    """What the masthead printed. Built up line by line; read once parsing is done."""

    fields: dict[str, str] = field(default_factory=dict)
    date: date | None = None
    name: str | None = None
    slogan: str | None = None
    lines: int = 0


def _field_hits(line: str) -> tuple[dict[str, re.Match[str]], str]:
    """Masthead fields in ``line`` (each segment between wide gaps read on its own)."""
    hits: dict[str, re.Match[str]] = {}
    rests: list[str] = []
    for segment in re.split(r"\s{2,}|\u3000+", line.strip()):
        rest = segment
        for key, rx in _FIELDS.items():
            m = rx.search(rest)
            if m and key not in hits:
                hits[key] = m
                rest = rest[: m.start()] + " " + rest[m.end() :]
        rests.append(rest)
    return hits, _SEPARATORS.sub(" ", " ".join(rests)).strip()


def is_masthead_line(line: str) -> bool:
    """The line is made of masthead fields and at most a short unlabelled remainder."""
    hits, rest = _field_hits(line)
    return bool(hits) and len(rest) <= 12


def looks_like_slogan(line: str) -> bool:
    """``活力·魅力·热点·焦点``: three or more short, even parts, no sentence punctuation."""
    if len(line) > 24 or re.search(r"[。，！？：；,.!?:;“”]", line):
        return False
    parts = [p for p in re.split(r"[·•|｜\s\u3000]+", line) if p]
    return len(parts) >= 3 and max(len(p) for p in parts) <= 6


def _even_phrases(line: str) -> bool:
    """``服务群众 引领发展``: a slogan of two or more phrases of one length, no punctuation."""
    if re.search(r"[。，！？：；,.!?:;“”《》]", line) or len(line) > 24:
        return False
    parts = [p for p in re.split(r"[\s\u3000·•|｜]+", line) if p]
    return len(parts) >= 2 and len({len(p) for p in parts}) == 1 and len(parts[0]) >= 3


def _short_plain(line: str) -> bool:
    return len(line) <= 20 and not re.search(r"[。，！？：；,!?:;“”]", line)


def masthead_extent(lines: list[str]) -> int:
    """How many leading ``lines`` belong to the masthead (0 when there is none)."""
    end = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        if is_masthead_line(line):
            end = i + 1
        elif not (_short_plain(line) and any(is_masthead_line(x) for x in lines[i + 1 : i + 4])):
            break
        i += 1
    if end and end < len(lines) and (looks_like_slogan(lines[end]) or _even_phrases(lines[end])):
        end += 1
    return end


def read_masthead(lines: list[str]) -> Masthead:
    """Read the masthead fields out of ``lines`` (the masthead_extent lines)."""
    mh = Masthead(lines=len(lines))
    unlabelled: list[str] = []
    for line in lines:
        hits, rest = _field_hits(line)
        for key, m in hits.items():
            _take(mh, key, m)
        if not hits:
            unlabelled.append(line.strip())
        elif len(rest) >= 2:
            unlabelled.append(rest)
    names = [u for u in unlabelled if _PAPER_SUFFIX.search(u) and not looks_like_slogan(u)]
    mh.name = names[0] if names else next((u for u in unlabelled if not looks_like_slogan(u)), None)
    mh.slogan = next(
        (u for u in unlabelled if u != mh.name and (looks_like_slogan(u) or _even_phrases(u))),
        None,
    )
    if mh.slogan is None:
        mh.slogan = next((u for u in unlabelled if u != mh.name), None)
    return mh


def _take(mh: Masthead, key: str, m: re.Match[str]) -> None:
    if key == "date" and mh.date is None:
        mh.date = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    elif key == "date_cn" and mh.date is None:
        mh.date = _safe_date(_cn_year(m["y"]), _cn_num(m["m"]), _cn_num(m["d"]))
    elif key in ("ignored", "issn", "date", "date_cn"):
        return
    else:
        name = key.rstrip("2")
        value = re.sub(r"\s+", "", m["v"]) if name in ("cn", "hotline") else m["v"].strip()
        if name == "cn":
            value = "CN" + value.replace("－", "-").replace("—", "-")
        mh.fields.setdefault(name, value)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _cn_year(s: str) -> int:
    return int("".join(str(_CN_DIGITS[c]) for c in s))


def _cn_num(s: str) -> int:
    """一 … 三十一 as an int."""
    if "十" not in s:
        return _CN_DIGITS[s]
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
