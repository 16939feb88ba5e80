"""The headline block (标题区): which lines are headlines, and which line is which.

A headline block is a few short lines above a story: the kicker (引题) above the title, the
subtitle (副题) below it (``——`` attribution lines included), and sometimes a column banner
(栏目) on top or an author's name underneath.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from syndicate.parse.dateline import split_names
from syndicate.parse.names import surname_of

#: A paragraph ending in one of these ends a sentence.
FINAL = tuple("。！？…”’）」』.!?；;：:") + ("——",)
_MID = tuple("，、；：,;:（(“《")
_DASH = re.compile(r"^[—－-]{1,2}")
_SERIES = re.compile(r"[（(](?P<tag>[^（()）]{4,24})[)）]$")
_NOT_SERIES = {"链接", "上", "下", "中", "续", "图", "组图", "附图"}


#: A short column tag: ``（新论）``, ``（新语）``, ``（纵横）``; not ``（上）``, ``（图文）``.
_SHORT_TAG = re.compile(r"[\u4e00-\u9fff”》][（(](?P<tag>[\u4e00-\u9fff]{2,3})[)）]$")
_NOT_SHORT_TAG = re.compile(r"^[一二三四五六七八九十上中下]+$|图|摄|资料|视频|漫画|链接|记者|续")


def series_tag(text: str) -> bool:
    """The line closes with a column or series tag: ``…（美丽中国）``, ``…（人民时评）``,
    ``…（新论）``."""
    t = text.strip()
    if (m := _SHORT_TAG.search(t)) and not _NOT_SHORT_TAG.search(m["tag"]):
        return True
    m = _SERIES.search(t)
    return m is not None and m["tag"] not in _NOT_SERIES


_COLUMN_LINE = re.compile(r"^(?:专栏|栏目|【栏目】)\s*[:：]?\s*(?P<v>\S.{1,20})$")


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(FINAL)


def quoted_close(text: str) -> bool:
    """The line ends on a quoted term (``共建“大茅山”``, ``医疗服务亟待“老年友善”``), not on
    a quotation's own final mark (``…他说。”``, ``“好！”``)."""
    t = text.rstrip()
    return t.endswith("”") and len(t) > 2 and t[-2] not in "。！？…!?，," and "“" in t


def open_ended(text: str) -> bool:
    """Printed without a final mark, as a headline or subhead is; a quoted term may close it."""
    return not ends_sentence(text) or quoted_close(text)


#: A subhead of three phrases (``强化润心铸魂，坚持以文化人，培育新时代…新人才``) runs to this
#: length; other subheads stay within 30 characters.
PHRASES_SUBHEAD = 40
_THREE_PHRASES = re.compile(r"^[^，。；]{4,}，[^，。；]{4,}，[^，。；]{4,}$")


def is_subhead(text: str) -> bool:
    """An in-story subhead (小标题): a short headline-like line printed without a final mark."""
    size = PHRASES_SUBHEAD if _THREE_PHRASES.match(text) else 30
    return len(text) <= size and headline_like(text) and not ends_sentence(text)


def is_dash_line(text: str) -> bool:
    """A ``——`` subtitle or attribution line."""
    return bool(_DASH.match(text)) and len(text) > 3


def headline_like(text: str) -> bool:
    """Short, no full stop inside, not ending mid-sentence: could be a headline line. A
    stanza (lines of verse kept apart by line breaks) never is."""
    if "\n" in text:
        return False
    t = "".join(text.split())  # \s and str.split() agree on what white space is
    if is_dash_line(t):
        return len(t) <= 120
    if t.endswith("——"):
        return len(t) <= 60
    if len(t) > 50 or "。" in t[:-1] or t.endswith(("。", "；", ";")) or t.endswith(_MID):
        return False
    if len(t) > 30 and sum(t.count(c) for c in "，,；;") > 2:
        return False  # a run of clauses is a sentence, not a headline
    return not t.startswith(("问：", "答：", "问:", "答:"))


#: List and section markers of body subheads: 一、 （一） 1. 第一， (not a decimal: ``3.7万个岗位``)
_LIST_MARK = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+(?:、|[.．](?!\d))"
    r"|第[一二三四五六七八九十]+[，、])"
)


def strong_headline(text: str) -> bool:
    """A headline line that cannot be a short body line (a quotation, 好！, a subhead, a
    split fragment)."""
    t = text.strip()
    if not headline_like(t) or t.endswith(tuple("。！？…!?")) or _LIST_MARK.match(t):
        return False
    if date_only(t):
        return False  # a letter's date under its signature (``2024年10月16日``)
    return not _quotation(t)


#: A speech's or letter's first line, addressing its audience: ``尊敬的普京总统，``,
#: ``各位同事：``, ``亲爱的同学们：``, ``同志们，朋友们：``.
_SALUTE = re.compile(
    r"(?:尊敬的[^。！？]{1,30}|亲爱的[^。！？]{1,16}|各位[\u4e00-\u9fff]{1,8}|同志们"
    r"|女士们|先生们|朋友们)"
    r"(?:[，、][^。！？]{1,20})?[，,：:！!]"
)


def salutes(text: str) -> bool:
    """``text`` is a salutation line (``尊敬的普京总统，``, ``女士们，先生们，朋友们：``): a
    speech or a letter starts, or a speech turns to its audience again."""
    return len(text) <= 40 and _SALUTE.fullmatch(text.strip()) is not None


def date_only(text: str) -> bool:
    """A date alone on its line: a letter's or a notice's date, never a headline."""
    return _DATE_ONLY.fullmatch(text.strip()) is not None


#: A date alone on a line: ``2024年10月16日``, ``二〇二四年十月十六日``, ``10月16日``.
_DATE_ONLY = re.compile(
    r"(?:(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*)?"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)


_CLOSE_QUOTE = {"“": "”", "「": "」", "‘": "’"}


def _quotation(t: str) -> bool:
    """The whole line is one quotation (``“好！”``); not a headline that opens and ends on
    quoted words (``“优选深蹲”促客户经理队伍“枝繁叶茂”``)."""
    close = _CLOSE_QUOTE.get(t[:1])
    return close is not None and t.endswith(close) and t.find(close) == len(t) - 1


@dataclass(frozen=True)
class Head:
    title: str
    kicker: str | None = None
    subtitle: str | None = None
    column: str | None = None
    author: str | None = None
    #: Why the split between kicker and title is open, when only a line's length decided.
    doubt: str | None = None


#: A line this short under a headline at least four times as long is a label (``回信``).
LABEL_SLOT = 3
#: A headline slot this short is a fragment of a longer headline, not a headline of its own.
SHORT_SLOT = 9
#: A slot ending in one of these was broken mid-phrase: the next slot finishes it.
DANGLING = tuple("后的被在和与了中是把对给向从暨及并")


#: What befalls an official in a discipline notice's headline.
_DISCIPLINE = re.compile(
    r"接受(?:纪律审查|监察调查|审查调查)|严重违纪违法|被开除党籍|主动投案|被提起公诉|被依法逮捕"
)
#: A post an official holds (the first line of such a headline ends on it, or runs on).
_POST = re.compile(
    r"书记|局长|院长|董事长|理事长|主任|经理|委员|成员|负责人|处长|科长|县长|市长|区长|镇长|"
    r"乡长|厅长|校长|站长|所长|主席|行长|部长|干部"
)


def post_over_name(lines: list[str]) -> bool:
    """A discipline notice's headline broken after the official's post (``万宁市…原党组书记、
    局长`` / ``李永权接受纪律审查和监察调查``): one statement, so one title, never a kicker
    over a title."""
    return (
        len(lines) == 2
        and _DISCIPLINE.search(lines[1]) is not None
        and _DISCIPLINE.search(lines[0]) is None
        and _POST.search(lines[0]) is not None
    )


def classify_head(lines: list[str]) -> Head:
    """Assign roles to the lines of a headline block (top to bottom)."""
    lines = list(lines)
    column: str | None = None
    if lines and (m := _COLUMN_LINE.match(lines[0])) and len(lines) > 1:
        column = m["v"]
        lines = lines[1:]
    author = None
    if len(lines) >= 2 and _is_author(lines[-1], lines[:-1]):
        author = lines.pop()
    head = _roles(lines)
    series = _SERIES.search(head.title)
    if column is None and series and series["tag"] not in _NOT_SERIES:
        column = series["tag"].split("·")[0].strip()
    return Head(head.title, head.kicker, head.subtitle, column or head.column, author)


def _is_author(last: str, above: list[str]) -> bool:
    names = split_names(last)
    if not names or len(names) > 2 or any(not 2 <= len(n) <= 3 for n in names):
        return False
    return len(above) >= 2 or is_dash_line(above[-1]) or above[-1].startswith("记")


def _roles(lines: list[str]) -> Head:
    n = len(lines)
    dash = next((i for i, x in enumerate(lines) if is_dash_line(x)), None)
    if dash is not None and dash > 0:
        above = lines[: dash - 1]
        return Head(
            title=lines[dash - 1],
            subtitle=" ".join(lines[dash:]),
            kicker=above[-1] if above else None,
            column=above[-2] if len(above) >= 2 else None,
        )
    lead = next((i for i, x in enumerate(lines) if x.endswith("——")), None)
    if lead is not None and lead + 1 < n:
        rest = lines[lead + 2 :]
        return Head(
            title=lines[lead + 1],
            kicker=lines[lead],
            subtitle=" ".join(rest) or None,
            column=lines[lead - 1] if lead else None,
        )
    if n == 1:
        return Head(title=lines[0])
    if n == 2:
        if lines[1].startswith("记") and len(lines[1]) >= 5:
            return Head(title=lines[0], subtitle=lines[1])
        if _broken(lines[0], lines[1]):
            return Head(title=lines[0] + lines[1])
        if len(lines[1]) <= LABEL_SLOT < len(lines[0]) // 4:
            return Head(title=lines[0], subtitle=lines[1])  # a label under it (``回信``)
        return Head(title=lines[1], kicker=lines[0])
    if n == 3:
        return Head(title=lines[1], kicker=lines[0], subtitle=lines[2])
    return Head(title=lines[2], column=lines[0], kicker=lines[1], subtitle=" ".join(lines[3:]))


def _broken(first: str, second: str) -> bool:
    """A title broken mid-phrase over two lines: ``教育部：义务教育学校`` / ``严禁设立…``
    (a speaker's line that goes on), or a first line ending on a word that needs more."""
    if re.search(r"[^\s：:]\s+[^\s：:]", first.split("：")[-1]):
        return False  # ``广陵区曲江街道：银发映初心 党在我心中``: two phrases set apart, whole
    speaker = re.match(r"^[^：:]{2,8}[：:]\S", first) and not re.search(r"[：:]", second)
    return bool(speaker) or breaks_mid_phrase(first, second)


def breaks_mid_phrase(first: str, second: str) -> bool:
    """The first of two headline lines stops where the phrase cannot: on a word that needs
    more (``…大会暨``) or the second opens on one that joins it on (``…大会`` / ``暨…会议``),
    or names an event whose fate the second tells (``第三届琼台“宝岛杯”两岸青少年`` /
    ``文体交流活动在海口启幕``), inside a quotation the second line closes
    (``四大行提示“存100万元`` / ``解锁5.25%利息”不实``), or on a time frame whose predicate is
    under it
    (``欧盟国家在禁令生效前`` / ``大量进口俄液化天然气``)."""
    return first.endswith(DANGLING) or cut_in_two(first, second)


def cut_in_two(first: str, second: str) -> bool:
    """``breaks_mid_phrase`` on the cues a kicker never shows, whatever its last word: a time
    frame left open, a joining word opening the second line, an event's name over its fate,
    a quotation the second line closes."""
    if _OPEN_FRAME.match(first) or _OPEN_MEANS.match(first) or second.startswith(JOINED_ON):
        return True
    if _event_named_over(first, second):
        return True
    return first.count("“") > first.count("”") and second.count("”") > second.count("“")


#: What befalls an event, closing a news title: ``…在海口启幕``, ``…三亚开幕``, ``…封顶``.
_EVENT_DONE = re.compile(
    r"(?:举办|举行|启幕|开幕|闭幕|召开|发布|开赛|启动|揭牌|成立|签约|开班|落幕|封顶|开通|竣工|"
    r"投用|上线|开展|开营|颁奖|揭晓)$"
)


def _event_named_over(first: str, second: str) -> bool:
    """A long plain first line naming the event (``第三届琼台“宝岛杯”两岸青少年``) over the
    line that says what befell it (``文体交流活动在海口启幕``): one title, its subject cut in
    two; a kicker is a statement of its own, not the first half of a name."""
    return (
        len(first) >= 8
        and _EVENT_DONE.search(second) is not None
        and _EVENT_DONE.search(first) is None
        and re.search(r"[\s，、：:！!？?；;—]", first + second) is None
    )


#: Words a title's line never opens with: it goes on with the line above (``暨人工智能…``).
JOINED_ON = tuple("暨及")
#: A means left open, its predicate under it: ``以“不见成效决不收兵”的恒心和韧劲`` /
#: ``确保学习教育…``, ``以最坚决的态度、最迅速的行动、最有力的措施`` / ``扛起…``. Not ``以X为Y的Z``,
#: a whole title (``以成都漆器为特点的包装安全设计分析``).
_OPEN_MEANS = re.compile(r"^以[^，,\s为]{2,30}的[^，,\s的]{1,10}$")
#: A subject, then 在… and a time word closing the line: an adverbial frame left open.
_OPEN_FRAME = re.compile(
    r"^[^在\s，：:]{2,}在[^，。！？、：:\s]{2,12}(?:之前|之后|前|后|期间|之际)$"
)


def looks_like_banner(text: str) -> bool:
    """``奋进新征程 建功新时代``: two or more even, space-separated phrases (a column banner)."""
    parts = [p for p in re.split(r"[\s\u3000·]+", text.strip()) if p]
    return len(parts) >= 2 and len({len(p) for p in parts}) == 1 and len(parts[0]) >= 3


#: Two characters in a row that tie a line to a story's subject (``陆龟``, ``19``).
_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}|\d{2}))")
#: Pairs too common to tie a line to a story (中国, 发展: every story of a party paper).
_COMMON = frozenset(
    "一个 我们 他们 已经 没有 可以 什么 这个 记者 今年 表示 进行 20 中国 发展".split(" ")
)
#: More pairs that every kind of story says (工作, 推进, 坚持, 的重, 00): each stands in 4% or
#: more of the long paragraphs of the development texts (seed, corpus, the dev issues of four
#: papers), place names left out. Two stories sharing only these share no subject.
_GENERIC = _COMMON | frozenset(
    """工作 服务 建设 产业 创新 企业 推动 10 通过 00 开展 国家 项目 活动 技术 02 重要 习近 近平
    科技 社会 提升 实现 推进 文化 问题 持续 书记 教育 经济 资源 提供 组织 人民 合作 管理 中心 安全
    坚持 智能 群众 全面 公司 作为 积极 一步 打造 平台 生产 不断 体系 质量 市场 同时 国际 成为 的重
    领域 政策 治理 重点 机制 人才 时代 特色 方面 生活 部门 深入 共同 加强 世界 相关 产品 30 现代
    全国 总书 进一 学习 人员 精神 环境 以来 研究 社区 系统 历史 实践 大学 基础 第一 能力 学生 构建
    平总 需求 发挥 时间 解决""".split()
)


#: The story's most-named thing is named at least this often above a line to say anything.
MOST_NAMED = 4


def most_named_recurs(above: str, below: str) -> bool:
    """The pair of characters the story ``above`` names most often (a protagonist, ``蔡文君``;
    its subject, ``化妆品``), named ``MOST_NAMED`` times or more, recurs in the text ``below``:
    a section of the same story, however few other words the two share."""
    counts = Counter(m.group(1) for m in _PAIR.finditer(above) if m.group(1) not in _GENERIC)
    if not counts:
        return False
    pair, n = counts.most_common(1)[0]
    return n >= MOST_NAMED and pair in below


def char_pairs(text: str, *, generic: bool = False) -> set[str]:
    """The pairs of CJK characters or digits in ``text``, the commonest left out, and with
    ``generic`` the pairs every kind of story says too (for telling two stories apart)."""
    return {m.group(1) for m in _PAIR.finditer(text)} - (_GENERIC if generic else _COMMON)


#: An interview's question under a subhead (``记者：``, ``问：``): a section of the interview,
#: never a new story, however its words turn.
QUESTION = re.compile(r"^(?:[\u4e00-\u9fff]{0,4}记者|问|主持人)\s*[：:]")


def lead_text(first: str, second: str | None) -> str:
    """The words a headline's subject is looked for in: the lead, and the next paragraph when
    the lead opens on a quotation (its subject is named after it)."""
    return first + (second or "") if first.startswith("“") else first


def outside_series(line: str, subheads: list[str], *, wholly: bool = False) -> bool:
    """``line`` stands outside the series the story's subheads make: two or more subheads that
    open on the same character or break at the same place (``聚焦“内部畅通”，下好…`` /
    ``聚焦“上下贯通”，健全…``), and ``line`` does neither. Without such a series a story's
    sections may wander, and nothing says a line is not one more of them. ``wholly``: the
    subheads both open and break alike, and ``line`` does neither."""
    if len(subheads) < 2:
        return False
    apart = [
        len({shape(x) for x in subheads}) == 1 and shape(line) != shape(subheads[0])
        for shape in (_first, _break)
    ]
    return all(apart) if wholly else any(apart)


def wholly_in_series(line: str, subheads: list[str]) -> bool:
    """``subheads`` (two or more) open on the same character and break into their phrases at
    the same place, and ``line`` does both (``谱好“法治实践”交响曲，书写…`` under
    ``谱好“规划引领”前奏曲，描绘…`` / ``谱好“宣传教育”奏鸣曲，探索…``)."""
    if len(subheads) < 2 or _break(line) < 2:
        return False
    return all(_first(x) == _first(line) and _break(x) == _break(line) for x in subheads)


def clause_pair(u: str) -> bool:
    """A headline line of two clauses split by a comma (``擦亮江南文化IP，吸引世界目光``): the
    form of a section's subhead (a story's headline sets its phrases apart with a space)."""
    a, comma, b = u.partition("，")
    return bool(comma) and len(a) >= 3 and len(b) >= 3 and "，" not in b


#: How a notice's title ends: ``…受理方式公告``, ``…通告``, ``寻人启事``: an item of its own,
#: kept with its info lines (times, hotlines, addresses) as its text.
_NOTICE_ENDS = ("公告", "通告", "启事", "公示", "声明", "须知")
#: The title of an official paper printed whole: ``关于接受何清同志辞去…的决定``, ``…增补委员名单``.
_OFFICIAL = re.compile(r"关于\S{4,60}的(?:决定|决议|通知|公告|意见)|\S{6,40}(?:任命名单|委员名单)")


def notice_title(line: str) -> bool:
    """A notice's title (see ``_NOTICE_ENDS``); a title is short."""
    return len(line) <= 60 and line.endswith(_NOTICE_ENDS)


def official_title(line: str) -> bool:
    """An official paper's title (``关于…的决定``, ``…委员名单``); a title is short."""
    return (
        len(line) <= 80
        and line.endswith(("决定", "决议", "通知", "公告", "意见", "名单"))
        and (_OFFICIAL.fullmatch(line) is not None)
    )


def in_series(line: str, others: list[str]) -> bool:
    """``line`` and one of ``others`` break into their phrases at the same place (``千年文脉
    琼岛蚕事早发祥`` / ``近代辉煌 海南天蚕丝名动海外``): subheads of one story's series."""
    at = _break(line)
    return at >= 2 and any(_break(x) == at for x in others)


def of_series_form(line: str, series: list[str]) -> bool:
    """``line`` has the form of a series of two or more subheads that each set two phrases
    apart with one space (``口碑驱动“粉丝效应” 精细化诊疗服务广受青睐`` / ``从一域服务到海外布局
    三亚中医的出海实践``), whatever the first phrase's length: one more of them."""

    def spaced(x: str) -> bool:
        parts = x.split()
        return len(parts) == 2 and all(len(p) >= 4 for p in parts)

    return len(series) >= 2 and spaced(line) and all(map(spaced, series))


def rhymes_with(line: str, others: list[str]) -> bool:
    """``line`` is built like two or more of ``others`` of about its length: it ends like them
    (the same last character, and the same one two before it: ``没想到能住上这样的好房子`` /
    ``让城里人实名羡慕的好村子`` / ``带老百姓找到致富的好路子``), or it is framed like them (the
    same characters at three or more of the same places from the start: one frame filled with
    other words, ``确立以服务国家战略需求为导向的高校…`` / ``构建以满足行业发展需求为目标的高校…``
    / ``优化以促进学生全面发展为核心的人才…``): subheads of one series."""
    if len(line) >= 6 and _built_alike(line, others, 6, 2, _ends_alike) >= 2:
        return True
    return len(line) >= 8 and _built_alike(line, others, 8, 4, _framed_alike) >= 2


#: A profile's section: a person's name and a colon over what they did
#: (``马帅：研发测试假人填补国内军工领域空白``).
PERSON_HEAD = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,3})[：:][^：:]{6,}$")


def profile_series(line: str, others: list[str], under: str) -> bool:
    """``line`` and another of ``others`` each open on a different person's name and a colon
    (``马帅：…`` / ``艾米：…``), and the text ``under`` the line names that person, never as a
    place (``南通市…`` under ``南通：…`` is a city's item): sections of one story of
    profiles, not two stories."""
    m = PERSON_HEAD.match(line)
    if m is None or surname_of(name := m.group("name")) is None:
        return False
    if name not in under or re.search(name + "[市县区镇省]", under):
        return False
    for x in others:
        n = PERSON_HEAD.match(x)
        if n and n.group("name") != name and surname_of(n.group("name")):
            return True
    return False


#: Lines framed alike hold at least this many of the same characters at the same places.
FRAME = 3


def _ends_alike(a: str, b: str) -> bool:
    return a[-1] == b[-1] and a[-3] == b[-3]


def _framed_alike(a: str, b: str) -> bool:
    return sum(x == y for x, y in zip(a, b, strict=False)) >= FRAME


def _built_alike(
    line: str, others: list[str], least: int, within: int, alike: Callable[[str, str], bool]
) -> int:
    """How many of ``others`` (``least`` characters or more, within ``within`` of the line's
    length) are built like ``line``."""
    return sum(
        1
        for x in others
        if x != line and len(x) >= least and abs(len(x) - len(line)) <= within and alike(line, x)
    )


def _first(x: str) -> str:
    return x[:1]


def same_break(line: str, other: str) -> bool:
    """``line`` and ``other`` break into their phrases at the same place with the same mark
    (``组织联建，抱团发展`` / ``服务联动，惠企助企``; not ``以花为媒 “链”向花开``)."""
    at = _break(line)
    return at >= 2 and at == _break(other) and line[at] == other[at]


def _break(x: str) -> int:
    """Where a headline line breaks into its two phrases (a comma or a space), or -1."""
    return next((i for i, c in enumerate(x) if c in "， \u3000"), -1)


#: A named body: a bank, a company, a university, a hospital, a street office (``泰兴农商银行``,
#: ``江苏某某科技有限公司``, ``南通大学``); the name runs two to six characters before its kind.
_BODY = re.compile(
    r"[\u4e00-\u9fff]{2,6}?(?:农商银行|银行|有限公司|集团|大学|学院|医院|街道|供电公司)"
)
_NOT_BODY_START = tuple("在为对由与和向从把被该本我全各这其")


def bodies_named(text: str) -> list[str]:
    """The named bodies in ``text``, each as often as it is named."""
    return [m.group(0) for m in _BODY.finditer(text) if not m.group(0).startswith(_NOT_BODY_START)]


def subject_turns(line: str, lead: str, above: str) -> bool:
    """A headline-shaped ``line`` over ``lead`` turns to another subject than the story
    ``above`` it: it shares three or more character pairs with the lead, and at least twice
    as many plus two as with the story above (a subhead speaks of its own story)."""
    pairs = char_pairs(line)
    below = shared(pairs, lead)
    if len(pairs) < 4 or below < 3:
        return False
    return below >= 2 * shared(pairs, above) + 2


def shared(pairs: AbstractSet[str], text: str) -> int:
    """How many of ``pairs`` occur in ``text`` (a substring test: no set of the text's own)."""
    return sum(p in text for p in pairs)
