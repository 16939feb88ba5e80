"""The roles of a tabloid's headline block (引题/主题/副题), slot by slot.

A tabloid stacks its headline lines with no blank line between them: a kicker (引题) that
gives the context or the hook, the title (主题), a subtitle (副题) that adds a fact. blocks.py
hands over the block's *slots*: a line with its indented continuation lines, or, in a paper
that indents nothing, each line. Every slot ends up in the kicker, the title or the subtitle;
none is dropped or read as anything else (a column banner is told apart later, by the page:
``__init__._page_columns``).

The decision reads what a reader reads, in this order:

1. *Runs.* A slot that stops mid-phrase runs into the next (``日本防卫大臣：``, ``李在明称``,
   ``美国国防部正考虑``, ``…打赏男主播后``), and a fragment of a few characters joins the slot
   above it (``拟更名``, ``突发心梗``; one on top joins the slot below: ``春夏焕新``).
2. *Hooks.* Leading slots that read as a kicker: a quotation, a run of questions, a list that
   trails off (``……``, ``等``), reported speech (``…说“开不过半年”``), a short exclamation,
   a case (``59岁汪阿姨…``), a date range, a short context phrase (``清明扫墓期间``,
   ``富阳农村工作会议上``), a figure shorter than the line under it
   (``速效救心丸搜索量暴涨30倍``).
3. *The rest.* After the hooks, the next slot is the title and what follows is the subtitle,
   unless the line under the title is a short fragment or opens with a word that continues a
   sentence (``以…``, ``将…``): then the title was broken over two lines. Without hooks, two
   short lines on top are one title broken in two (``男子聚餐饮酒后死亡`` /
   ``8名同饮者被索赔30万``), and the lines under them its subtitle, unless a third and last
   line no longer than the two follows two of one width: a title broken by the column's
   width fills each line to it (``马兴瑞涉嫌严重违纪违法`` / ``正接受中央纪委国家监委`` /
   ``纪律审查和监察调查``); two lines over a title
   half their length are its kicker; else the top line is the title.

Two slots follow ``_two``: a column tag (``（新知新觉）``) closes the title, whichever line
carries it; a setting of ten characters or more, in one phrase, over a line at most three
quarters its length without figures is the kicker (``LG杯世界围棋棋王战决赛`` /
``杨鼎新扳回一城``). Where only the length of a line decided, ``Head.doubt`` says so.
"""

from __future__ import annotations

import re

from syndicate.parse.headline import (
    DANGLING,
    JOINED_ON,
    SHORT_SLOT,
    Head,
    classify_head,
    cut_in_two,
    is_dash_line,
    series_tag,
)

#: A slot of this many characters or fewer is a fragment of the slot above it.
FRAGMENT = 4
#: Three or more slots this short in all are one title broken over lines.
ONE_TITLE = 18
#: A kicker phrase is at most this long (a whole headline line is longer).
PHRASE = 12
#: Two top lines of at most this many characters each are one title broken in two.
PAIR_LINE = 11
#: A line that ends so has not finished: the next slot goes on with it.
_RUNS_ON = ("：", ":", "称", "考虑") + tuple(c for c in DANGLING if c not in "中了是")
#: A line that opens so goes on with the sentence of the line above.
_GOES_ON = tuple("以将却还并被让又也才就")
#: A column or series tag closing a headline line: ``（新知新觉）``, ``（体育大看台）``.
_COLUMN_TAG = re.compile(r"[\u4e00-\u9fff”][（(][\u4e00-\u9fff·\d①-⑳]{3,16}[)）]$")
#: A line that opens on a pause mark goes on with the line above (``…坐骨神经痛`` / ``、半月板…``).
_PAUSE = tuple("、，；,;")
#: ``从…中`` / ``从…里`` left open at the line's end: the verb comes on the next line.
_OPEN_FRAME = re.compile(r"从[^，。！？、：\s]{2,16}[中里]$")
#: A scene set with 在…上/中/里 (``在花团锦簇的樱花跑道上相聚``): the kicker over the news.
_SCENE = re.compile(r"^在[^，。！？：\s]{2,14}[上中里前旁边][^，。！？：\s]{0,4}$")
_CONTEXT = re.compile(r"(?:期间|之际|以来|前夕|会议上|现场|当天|时)$")
_CASE = re.compile(r"^\d+岁|^\d{1,2}月\d{1,2}日(?:至|到|—|-)")
_FIGURE = re.compile(r"\d")
#: Reported speech closing a line: ``曾被打赌说“开不过半年”``.
_SPEECH = re.compile(r"[说道称问]：?“[^“”]+”$")


def size(text: str) -> int:
    """Printed characters, white space left out."""
    return len(re.sub(r"\s+", "", text))


def classify_slots(slots: list[str], *, kicker_first: bool = False) -> Head:
    """Kicker, title and subtitle of a headline block's slots (see the module docstring).
    ``kicker_first``: the issue prints two unmarked lines as kicker over title (its tagged
    titles stand under a kicker, see ``kicker_convention``)."""
    if len(slots) == 2 and cut_in_two(*slots):
        return Head(title=" ".join(slots))  # ``第三届琼台…两岸青少年`` / ``文体交流活动…启幕``
    if len(slots) == 2 and series_tag(slots[0]) and not series_tag(slots[1]):
        return Head(title=slots[0], subtitle=slots[1])  # the tag closed the title above
    if len(slots) == 2 and _speaker_over_tagged(*slots):
        return Head(title=slots[1], kicker=slots[0])  # 中国农科院…驻村干部： / …（奋斗在…）
    if len(slots) >= 3 and _ATTENDANCE.search(slots[-1]) and size(slots[-1]) <= PHRASE:
        # ``…座谈会`` / ``听取…意见建议`` / ``韩正出席``: who attended is the subtitle
        head = classify_slots(slots[:-1], kicker_first=kicker_first)
        sub = " ".join(x for x in (head.subtitle, slots[-1]) if x)
        return Head(head.title, head.kicker, sub, head.column, head.author, head.doubt)
    if len(slots) == 2 and kicker_first:
        if _ATTENDANCE.search(slots[1]):
            return Head(title=slots[0], subtitle=slots[1])  # 汪洋出席, （2019年10月21日）
        if not slots[0].endswith(_RUNS_ON) and not is_dash_line(slots[1]):
            return Head(title=slots[1], kicker=slots[0])
    if len(slots) >= 2 and _short_title_last(slots):  # 阿姨们从衢州… / 采茶
        return Head(title=slots[-1], kicker=" ".join(slots[:-1]))
    units = _runs(slots)
    sizes = [size(u) for u in units]
    if len(units) == 1:
        return _one(units[0])
    if any(is_dash_line(u) or u.endswith("——") for u in units):
        return classify_head(units)
    if len(slots) >= 3 and sum(map(size, slots)) <= ONE_TITLE:
        return Head(title=" ".join(units))  # 广州明确 / 传统早茶食品 / 24小时现制
    if len(units) == 2 and series_tag(units[1]) and not series_tag(units[0]):
        return Head(title=units[1], kicker=units[0])  # a series tag closes the title
    if len(units) == 2:
        if _couplet(units[0]) and sizes[1] <= sizes[0]:
            return Head(title=units[1], kicker=units[0])  # 阳光回归，气温回升 / 清明假期好天气
        if max(sizes) <= SHORT_SLOT or sizes[-1] <= FRAGMENT or _speaker_broken(*units):
            return Head(title=" ".join(units))
        return _two(*units)
    return _many(units)


def _one(unit: str) -> Head:
    """One slot; a speaker's line printed under the title as its continuation is its
    subtitle (``中国博士后`` / ``遭美方执法人员盘问后自杀`` / ``外交部：深感痛心…``)."""
    title, _, deck = unit.rpartition(" ")
    if title and not title.endswith(_RUNS_ON) and _is_speaker(deck):
        return Head(title=title, subtitle=deck)
    return Head(title=unit)


def _speaker_over_tagged(a: str, b: str) -> bool:
    """A speaker's or subject's line (``中国农科院兰州牧药所驻村干部：``) over a title that its
    series tag closes (``赶紧回村，心里才踏实（奋斗在复工一线）``): the tag marks the title
    whole, so the line above is its kicker, not its first half."""
    return a.endswith(("：", ":")) and series_tag(b) and not series_tag(a) and size(a) <= 20


def _short_title_last(slots: list[str]) -> bool:
    """A title of a word or two under a long kicker (``阿姨们从衢州…一直忙到傍晚下山`` /
    ``采茶``), not the tail of a broken line (``…打赏男主播后`` / ``被拉黑``, ``却没事？``)."""
    last = slots[-1].strip()
    return (
        size(last) <= FRAGMENT
        and sum(size(s) for s in slots[:-1]) >= 20
        and not slots[-2].endswith(_RUNS_ON)
        and not last.startswith(_GOES_ON)
        and not re.search(r"[，。！？、：]", last)
    )


def runs_on(line: str) -> bool:
    """The line stops mid-phrase and runs into the next (``日本防卫大臣：``, ``…打赏男主播后``,
    an open ``从…中`` frame: ``赵贵铭主任中医师从800多个临床病例中``)."""
    return line.endswith(_RUNS_ON) or _OPEN_FRAME.search(line) is not None


def _runs(slots: list[str]) -> list[str]:
    """Slots joined where one runs into the next (step 1)."""
    out: list[str] = []
    speaker = slots[0].endswith(("：", ":"))  # a speaker's line: the rest is what was said
    for s in slots:
        if out and speaker:
            out[0] = f"{out[0]} {s}"
        elif out and (runs_on(out[-1]) or size(s) <= FRAGMENT or s.startswith(_PAUSE + JOINED_ON)):
            out[-1] = f"{out[-1]} {s}"
        elif len(out) == 1 and size(out[0]) <= FRAGMENT:  # a fragment on top: ``春夏焕新``
            out[0] = f"{out[0]} {s}"
        else:
            out.append(s)
    return out


_SPEAKER_HEAD = re.compile(r"^[^：:\s]{2,8}[：:](?P<said>\S{1,6})$")


def _speaker_broken(a: str, b: str) -> bool:
    """A speaker's title broken after a few words (``教育部：义务教育学校`` / ``严禁设立重点班、
    实验班、快慢班``): the second line, longer than what the first began to say, goes on."""
    m = _SPEAKER_HEAD.match(a.strip())
    return m is not None and not re.search("[：:]", b) and size(b) > len(m["said"])


def _two(a: str, b: str) -> Head:
    """Of two slots the first is the title and the second its subtitle, unless the first
    reads as a kicker (``_kicker_first``)."""
    if _COLUMN_TAG.search(b) and not _COLUMN_TAG.search(a) and not is_dash_line(b):
        return Head(title=b, kicker=a)  # the column tag (``（新知新觉）``) closes the title
    asks = a.endswith(("？", "?")) and not _hook_alone(a)  # a question, not a run of them
    if _COLUMN_TAG.search(a) or asks or _is_quote(b) or _long_deck(a, b):
        return Head(title=a, subtitle=b)
    titled = _title_form(a, b)
    if not titled and not _kicker_first(a, b):
        return Head(title=a, subtitle=b)
    title, _, rest = b.partition(" ")
    if rest and _is_deck(rest) and not titled:
        return Head(title=title, kicker=a, subtitle=rest)
    doubt = None
    if not titled and not _hook(a, b):  # only the lengths decided
        doubt = f"{a} / {b}: a kicker, or the first half of the title?"
    return Head(title=b, kicker=a, doubt=doubt)


#: A deck under a title runs at least this long, in several clauses.
DECK = 24


def _long_deck(a: str, b: str) -> bool:
    """A line of several clauses, longer than the line over it and longer than a title runs
    (``下楼做核酸，129人忘带钥匙`` / ``友情提醒：出门前除了戴口罩，千万别忘了带钥匙，煤气关火
    电器断电``): the subtitle that tells the rest, never the title under a kicker."""
    nb = size(b)
    return nb >= DECK and nb > size(a) and b.count("，") + b.count(",") >= 2


def _title_form(a: str, b: str) -> bool:
    """The second line has a title's own form under a one-statement setting no shorter: a
    couplet of matching phrases (``奔跑乐手  月行万里``, ``哪组 冤家路窄 谁人 一马平川``) or a
    call ending on an exclamation mark (``不必恐慌，春天临近了！``) under a line without
    figures or marks (``一季度沪深股市出现大幅调整``). A subtitle adds facts; it is not
    printed as a slogan."""
    na, nb = size(a), size(b)
    if na < KICKER_OVER or nb > na or a.endswith(FINAL_MARKS):
        return False
    if couplet_line(b):
        return True
    return (
        b.endswith(("！", "!"))
        and _FIGURE.search(a) is None
        and re.search(r"[\s，、：:；;！!？?“”]", a.strip()) is None
        and nb < na
    )


FINAL_MARKS = tuple("。！？!?…")


def couplet_line(text: str) -> bool:
    """Phrases set apart by spaces whose sizes repeat, half for half (``奔跑乐手  月行万里``:
    4 4; ``哪组 冤家路窄 谁人 一马平川``: 2 4 2 4): a slogan-like headline line."""
    parts = text.split()
    if len(parts) < 2 or len(parts) % 2 or any(len(p) < 2 for p in parts):
        return False
    if any(not _HAN_PHRASE.fullmatch(p) for p in parts):
        return False
    sizes = [len(p) for p in parts]
    half = len(sizes) // 2
    return sizes[:half] == sizes[half:]


_HAN_PHRASE = re.compile(r"[\u4e00-\u9fff“”]+")


def _kicker_first(a: str, b: str) -> bool:
    """The first of two slots is a kicker: a hook (``_hook``), a short line, a figure over a
    longer line without one, a short phrase without a figure over the line that carries the
    facts (``走着走着就往野路上走`` / ``父亲带6岁男孩…被困11小时``), a long statement over a
    shorter title (a figureless one-phrase line over one two thirds its length or less), a
    scene set with ``在…上`` over a figureless statement no shorter, or
    a kicker printed over two lines over a title at most half as long
    (``无人机飞上百米高空洗楼`` / ``“蜘蛛人”回到地面…`` over ``“机器人员工”上岗啦``)."""
    na, nb = size(a), size(b)
    fa, fb = _FIGURE.search(a) is not None, _FIGURE.search(b) is not None
    return (
        na <= SHORT_SLOT
        or _hook_alone(a)
        or _exclaims_over(a, b)
        or (fa and not fb and na < nb)
        or _two_phrase_hook(a, b)
        or (_SCENE.match(a) is not None and not (fa or fb) and na <= nb)
        or (fb and not fa and na < nb <= 2 * na and na <= PHRASE and "，" not in a)
        or (na >= 16 and nb < na and " " not in a)
        or (na >= KICKER_OVER and 4 * nb <= 3 * na and not (fa or fb) and not _BREAKS.search(a))
        or (na >= PHRASE and 3 * nb <= 2 * na and not (fa or fb) and not re.search(r"[\s，：]", a))
        or (" " in a and 2 * nb <= na)
    )


def _hook_alone(u: str) -> bool:
    """A kicker by its own form, whatever follows it."""
    n = size(u)
    return (
        _is_quote(u)
        or bool(_SPEECH.search(u))
        or u.endswith(("……", "等"))
        or (u.endswith(("！", "!")) and n <= 12)
        or u.count("？") + u.count("?") >= 2  # a run of questions in one line: 爬山怕滑？雨天怕湿？
        or bool(_CASE.match(u))
        or (n <= SHORT_SLOT and bool(_CONTEXT.search(u)))
        or bool(_STRESSED.search(u))
    )


#: A line closing on the verb of a report of what someone said (``张国清在…会议上强调``,
#: ``刘国中强调``): what was said is the title under it; a title never ends so.
_STRESSED = re.compile(r"[\u4e00-\u9fff]{2}(?:强调|指出|表示|要求|寄语|批示)$")


def _exclaims_over(u: str, nxt: str) -> bool:
    """A one-clause exclamation over a longer statement without one (``600余份作品进入最后一关！``
    / ``“我的春节故事”…举行现场终评``): the hook, then the news."""
    return (
        u.endswith(("！", "!"))
        and not re.search(r"[，。？！,?!]", u[:-1])
        and not nxt.endswith(("！", "!"))
        and size(u) < size(nxt)
    )


#: Each half of a couplet hook is this short.
HALF = 6


def _couplet(u: str) -> bool:
    """Two short phrases set off by a comma (``阳光回归，气温回升``): a hook over a shorter
    title."""
    halves = u.strip().split("，")
    return len(halves) == 2 and all(
        0 < size(h) <= HALF and not re.search(r"[\s“”！？。、]", h) for h in halves
    )


def _hook(u: str, nxt: str) -> bool:
    """``u`` reads as a kicker over ``nxt`` (step 2)."""
    question = u.endswith(("？", "?")) and nxt.endswith(("？", "?"))
    if _exclaims_over(u, nxt):
        return True
    figure = _FIGURE.search(u) is not None and size(u) < size(nxt)
    return _hook_alone(u) or question or figure or _two_phrase_hook(u, nxt)


#: A line at least this long over a shorter one is its kicker (a setting over the news).
KICKER_OVER = 10
#: Marks inside a line that break it into phrases (a statement in parts, not a setting).
_BREAKS = re.compile(r"[\s：:，！!？?；;]")
#: A line that states the news in one phrase is at least this long.
STATEMENT = 16


def _two_phrase_hook(u: str, nxt: str) -> bool:
    """Two phrases with the story's figures (``拉到一个客人能赚20元 海豚被追得…``) over one
    long phrase without any (``广西严厉打击“三无”船只非法载客出海观豚``): the hook, then
    the statement of the news; a title printed in two phrases keeps its figures under it."""
    return (
        " " in u.strip()
        and " " not in nxt.strip()
        and _FIGURE.search(u) is not None
        and _FIGURE.search(nxt) is None
        and size(nxt) >= STATEMENT
    )


def _many(units: list[str]) -> Head:
    """Three or more units (steps 2 and 3)."""
    k = 0
    while k < len(units) - 1 and _leads(units, k):
        k += 1
    rest = units[k:]
    kicker = " ".join(units[:k]) or None
    if k == 0:
        a, b = rest[0], rest[1]
        if _is_question(a):
            return Head(title=a, subtitle=" ".join(rest[1:]))
        if len(rest) == 3 and _speech_over_short(a, b, rest[2]):
            return Head(title=b, kicker=a, subtitle=rest[2])
        if size(a) <= PAIR_LINE and size(b) <= PAIR_LINE and not a.endswith(("！", "。")):
            if len(rest) == 3 and size(a) == size(b) >= size(rest[2]):
                return Head(title=" ".join(rest))  # filled to the column's width, then ends
            return Head(title=f"{a} {b}", subtitle=" ".join(rest[2:]) or None)
        if len(rest) == 3 and 2 * size(rest[2]) <= size(a) + size(b):
            return Head(title=rest[2], kicker=f"{a} {b}")  # a two-line kicker over a short title
        doubt = f"{a} / {b}: the title, or a kicker over it?"
        return Head(title=a, subtitle=" ".join(rest[1:]), doubt=doubt)
    whole = "，" in rest[0]  # a title of two clauses is whole: the short line under it adds
    if len(rest) == 2 and (
        size(rest[1]) <= PAIR_LINE and not whole or rest[1].startswith(_GOES_ON)
    ):
        return Head(title=" ".join(rest), kicker=kicker)
    return Head(title=rest[0], kicker=kicker, subtitle=" ".join(rest[1:]) or None)


def _speech_over_short(a: str, b: str, c: str) -> bool:
    """A leader's words as a long kicker over the shortest line and a deck (``李强：坚定信心、
    …服务要更周全`` / ``扎实细致做好面上核酸筛查`` / ``与龚正分别检查…  诸葛宇杰参加``): the
    short line in the middle is the title, as a party paper prints it."""
    nb = size(b)
    return _is_speaker(a) and size(a) >= STATEMENT and nb < size(a) and nb < size(c)


def _leads(units: list[str], k: int) -> bool:
    """``units[k]`` is one more hook: a figure only opens the block, a question only in a
    run of questions."""
    u, nxt = units[k], units[k + 1]
    if k == 0:
        return _hook(u, nxt)
    return _hook_alone(u) or (_is_question(u) and _is_question(units[k - 1]))


def _is_question(text: str) -> bool:
    return text.endswith(("？", "?"))


def _is_quote(text: str) -> bool:
    t = text.strip()
    return t.startswith("“") and t.endswith("”")


def _is_deck(text: str) -> bool:
    """A quotation or a speaker's line: ``“请快报帮忙…”``, ``外交部：深感痛心…``."""
    return _is_quote(text) or _is_speaker(text)


def _is_speaker(text: str) -> bool:
    return bool(re.match(r"^[^：:]{2,14}[：:]\S", text.strip()))


#: A subtitle that reports who attended or spoke, or the date of a speech: ``汪洋出席``,
#: ``胡春华宣读习近平主席贺信并致辞``, ``继续审议…  栗战书主持``, ``（2019年10月21日）``.
_ATTENDANCE = re.compile(
    r"^[（(]\d{4}年\d{1,2}月\d{1,2}日[)）]$"
    r"|^(?:[\u4e00-\u9fff]{2,4})?(?:出席|主持|宣读|致辞|听取|审议|继续审议|公布)"
    r"|[\u4e00-\u9fff]{2,4}(?:出席|主持)(?:会议|并讲话)?$"
)


def kicker_convention(heads: list[list[str]]) -> bool:
    """The issue prints a two-line headline as kicker over title: titles closed by a series
    tag (``…（美丽中国）``) stand under an untagged line more often than over one that is no
    ``——`` subtitle."""
    pairs = [h for h in heads if len(h) == 2]
    under = sum(series_tag(b) and not series_tag(a) for a, b in pairs)
    over = sum(series_tag(a) and not series_tag(b) and not is_dash_line(b) for a, b in pairs)
    return under > over
