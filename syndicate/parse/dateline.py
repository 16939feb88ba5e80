"""Datelines (电头), bylines (署名) and credits: who wrote it, from where.

Recognises the forms of the family of Chinese e-paper texts:

- datelines at the start of a paragraph: ``本报济宁讯``, ``本报讯``, ``本报北京1月2日电``,
  ``新华社北京1月1日电``, ``据新华社北京1月1日电``, ``【新华社荷泽十二日电】``, ``【又讯】``;
- bylines in brackets after a dateline (``(记者 刘菲 通讯员 潘萌)``, ``（记者王浩）``) or on a
  line of their own (``本报记者  朱  磊  王  丹``, ``新华社记者  姜  琳``, ``本报评论员``);
- closing credits: ``（新华社北京1月2日电  记者周圆、黄垚）``;
- photo and layout credits: ``闫庆收摄``, ``新华社记者  周  华摄``, ``版式设计：张芳曼``.

Names come back unpadded: typesetters pad two-character names to three (``姜  琳``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from syndicate.model import Byline, Role
from syndicate.parse.names import COMPOUND_PPM, split_run, surname_of
from syndicate.parse.pages import BYLINE_MARKS

_CJK = r"\u4e00-\u9fff"
_NUM = r"(?:\d{1,2}|[一二三四五六七八九十廿卅]{1,3})"
_AGENCY = (
    r"(?:本报|新华社|中新社|中新网|人民网|新华网|央视网|光明网|大众网|澎湃新闻|"
    rf"[{_CJK}]{{2,8}}?(?:日报|晚报|新闻|报社|电视台|广播电视台|融媒体中心|通讯社))"
)
#: Agencies whose dispatches may go without a date (``本报北京电``); any other needs one.
_KNOWN_AGENCY = re.compile(r"^(?:本报|新华社|中新社|中新网|人民网|新华网|央视网|光明网)")
_PLACE = rf"(?:[{_CJK}]{{1,10}}?|[{_CJK}、]{{3,80}}?)"
_DATELINE = re.compile(
    rf"^(?P<dl>据?(?P<agency>{_AGENCY})(?P<place>{_PLACE})??"
    rf"(?P<when>{_NUM}月{_NUM}日|{_NUM}日)?(?P<kind>专电|电|讯(?!员)))"
    rf"(?=$|[\s（(【“「《：:，,{_CJK}\d])"
)
_BRACKET = re.compile(r"^【(?P<dl>[^】]{1,40})】")
_BRACKET_KINDS = re.compile(r"(电|讯|特写|报道|专稿|综合|消息)$")
_PAREN = re.compile(r"^\s*[（(](?P<inner>[^（()）]{1,120})[)）]")
_REPORTED = re.compile(
    rf"^\s+(?P<by>(?:本报|新华社)?(?:特约记者|记者|通讯员|实习生)[{_CJK}\s、]{{2,40}}?)\s*报道\s*"
)

#: Role words, longest first so ``特约记者`` wins over ``记者``.
_ROLES: tuple[tuple[str, Role], ...] = (
    ("特约评论员", "commentator"),
    ("评论员", "commentator"),
    ("摄影记者", "photographer"),
    ("特约记者", "reporter"),
    ("实习记者", "reporter"),
    ("见习记者", "reporter"),
    ("首席记者", "reporter"),
    ("特派记者", "reporter"),
    ("全媒体记者", "reporter"),
    ("融媒记者", "reporter"),
    ("记者", "reporter"),
    ("特约通讯员", "correspondent"),
    ("通讯员", "correspondent"),
    ("实习生", "intern"),
    ("培训生", "intern"),
    ("见习生", "intern"),
    ("责任编辑", "editor"),
    ("本版编辑", "editor"),
    ("美术编辑", "designer"),
    ("图片编辑", "editor"),
    ("编辑", "editor"),
    ("版式设计", "designer"),
    ("美编", "designer"),
    ("制图", "designer"),
    ("校对", "other"),
    ("摄影", "photographer"),
)
#: A partner medium named in a byline, standing for its role: ``富阳微融圈 陆迪军 俞晓华``.
_PARTNER = r"[\u4e00-\u9fff]{2,6}?(?:微融圈|微融站|融媒体中心|融媒体|传媒中心)"
#: A pupil's byline: ``杭州市天长小学二（4）班 金子沐``, ``三（1）班 陈礼鳌``.
_SCHOOL_BY = re.compile(
    r"^(?:[\u4e00-\u9fff（）()]{2,30}?\s?)?[一二三四五六七八九初高]?[一二三四五六七八九十\d]{0,2}"
    r"[（(]\d{1,2}[)）]班\s*(?P<name>[\u4e00-\u9fff]{2,4})$"
)
_SIGNED = re.compile(r"^(?:寄思人|作者|文)[:：]\s*(?P<who>\S.{0,20})$")
#: A dash signing off a passage: ``——陈国芬老师``, ``——杭州市之江第一小学二（4）班 李伊响``,
#: ``——杭州市临平区信达外国语学校`` (its class line follows).
_DASH_SIGNED = re.compile(
    r"^(?:——|—|－－|--)\s*(?P<who>[\u4e00-\u9fff·]{2,4}(?:老师|教授|校长|同学)"
    r"|[\u4e00-\u9fff（）()\d\s]{2,40}?(?:学校|小学|中学|学院|幼儿园|大学)(?:[（(][\u4e00-\u9fff]{1,6}[)）])?"
    r"(?:\s*[\u4e00-\u9fff\d]{0,3}[（(]\d{1,2}[)）]班\s*[\u4e00-\u9fff]{2,4})?)$"
)


#: A dash line naming who spoke the piece above it: ``——山东省省长龚正接受…专访时说``.
_DASH_SPEAKER = re.compile(r"^(?:——|—)\s*[^。！？]{4,80}?(?:说|表示|指出|谈到|强调)$")


def speaker_line(text: str) -> Byline | None:
    """The dash line closing a piece in someone's own words (``——X接受采访时说``): where
    the words come from, a credit, never a paragraph."""
    t = text.strip()
    return Byline("source", t.lstrip("—").strip(), t) if _DASH_SPEAKER.match(t) else None


def signature_line(text: str) -> tuple[Byline, ...] | None:
    """A dash signing off a passage with its writer (``——陈国芬老师``) or a pupil's school and
    class (``——杭州观澜小学五（7）班 宋天泽``): the writer's credit, never text or a subtitle."""
    m = _DASH_SIGNED.match(text.strip())
    if m is None:
        return None
    who = m["who"].strip()
    pupil = _SCHOOL_BY.match(who)
    name = pupil["name"] if pupil else re.sub(r"(?:老师|教授|校长|同学)$", "", who)
    return (Byline("other", name, text.strip()),)


#: The medium a byline's role belongs to: ``本报``, ``南方日报``, ``央视新闻``, ``南方+``.
_ORG = (
    rf"(?:本报|新华社|人民日报|中新社|(?:《[{_CJK}]{{1,8}}》)?[{_CJK}]{{0,6}}?"
    rf"(?:日报|晚报|报社|电视台|融媒体中心|报业集团|传媒集团|集团|周刊|杂志社|杂志|新闻客户端|"
    rf"客户端|新闻网|新闻)|[{_CJK}]{{1,6}}?网|[{_CJK}]{{2,4}}[+＋])"
)
_ROLE_RE = re.compile(
    rf"(?P<org>{_ORG}(?:、{_ORG})*)?"  # ``南方日报、南方+记者``: two media, one staff
    rf"(?P<role>{'|'.join(r for r, _ in _ROLES)}|驻[{_CJK}]{{1,5}}?记者|{_PARTNER})"
)
_ROLE_OF: dict[str, Role] = dict(_ROLES)


def _role_of(word: str) -> Role:
    """The role a role word stands for (``驻京记者``: a reporter); a partner medium's
    contributors are correspondents."""
    return _ROLE_OF.get(word) or ("reporter" if word.endswith("记者") else "correspondent")


_NAME = re.compile(
    rf"^(?:[{_CJK}]{{1,4}}|[{_CJK}]{{1,8}}·[{_CJK}·]{{1,16}}|[A-Za-z][A-Za-z .'-]{{1,30}})$"
)
_CJK2 = re.compile(rf"^[{_CJK}]{{2}}$")
_SEP = re.compile(r"[\s\u3000、，,；;/]+")
_PHOTO = re.compile(
    r"^(?P<who>.{1,40}?)\s*(?:/\s*)?(?:摄(?:影)?|供图)\s*(?P<extra>[（(][^）)]{1,20}[)）])?$"
)
#: A reader-photographer's handle as printed: ``橙友“高山浓茶”``.
_HANDLE = re.compile(r"^[\u4e00-\u9fff]{0,4}“[^”]{1,16}”$")
_CREDIT_WORD = (
    r"(?:本版)?(?:版式设计|责任编辑|本版编辑|美术编辑|图片编辑|美编|校对|制图|编辑|设计|统筹|策划|撰文|撰稿|"
    r"监制|摄影|图片|数据来源|图表制作|执行策划|总策划|执行总监|总监|客户端主编|执行主编|主编|AI绘图|"
    r"视频|海报|采写|执行|文案|摄像|剪辑|音频|漫画)"
)
_CREDIT_LINE = re.compile(
    rf"^(?:{_CREDIT_WORD}(?:[/／、]{_CREDIT_WORD})*"
    r"\s*[:：]\s*\S.{0,30}?\s*)+$"
    r"|^(?:制图|本版摄影|本版主持|本版统筹|摄影|插画)\s+\S.{0,30}$"
    r"|^插画\S{0,2}[:：]\S.{0,40}$"
    r"|^图据\S.{1,30}$"
    r"|^(?:本版|本文)?(?:图片|照片|配图|图)(?:均)?由\S{2,16}?提供$"
    r"|^本版(?:言论|文章|观点)\S{0,4}(?:只|仅)代表作者(?:个人)?观点.{0,60}$"
)


@dataclass(frozen=True)
class Dateline:
    """A dateline found at the start of a paragraph, and the text after it."""

    dateline: str
    place: str | None
    bylines: tuple[Byline, ...]
    rest: str


def match_dateline(text: str) -> Dateline | None:
    """The dateline (and bracketed byline) opening ``text``, if any."""
    m = _BRACKET.match(text)
    if m and (_BRACKET_KINDS.search(m["dl"]) or m["dl"] in ("又讯", "本报特写")):
        inner = _DATELINE.match(m["dl"])
        place = _place(inner["place"]) if inner else None
        rest, bylines = _trailing_byline(text[m.end() :])
        return Dateline(m["dl"], place, bylines, rest)
    m = _DATELINE.match(text)
    if not m or (m["place"] and _ROLE_RE.search(m["place"])):
        return None
    if m["kind"] != "讯" and not m["when"] and not _KNOWN_AGENCY.match(m["agency"]):
        return None  # ``国务院新闻办公室…国家广播电视总局``: a sentence, not ``X报北京电``
    rest, bylines = _trailing_byline(text[m.end() :])
    return Dateline(m["dl"], _place(m["place"]), bylines, rest)


def _place(raw: str | None) -> str | None:
    if not raw:
        return None
    place = re.sub(r"(?:总分社|分社|总社)$", "", raw)
    return place or None


def _trailing_byline(text: str) -> tuple[str, tuple[Byline, ...]]:
    m = _PAREN.match(text)
    if m:
        bylines = parse_roles(m["inner"], sure=True) or _paren_names(m["inner"])
        if bylines:
            return text[m.end() :].lstrip(" \u3000"), bylines
    m = _REPORTED.match(text)
    if m and (bylines := parse_roles(m["by"])):
        return text[m.end() :], bylines
    return text.lstrip(" \u3000"), ()


_RUN = re.compile(r"^[\u4e00-\u9fff]{4,12}$")


def _split_token(tok: str) -> list[str]:
    """A CJK token of four or more characters is a run of names printed without spaces."""
    if len(tok) < 4 or not all("\u4e00" <= c <= "\u9fff" for c in tok):
        return [tok]
    return split_run(tok)[0]


def split_run_of(name: str, text: str) -> str:
    """The run printed without spaces that ``name`` was split from (or ``name``)."""
    for tok in _SEP.split(text):
        if name in tok and len(tok) > len(name) and len(_split_token(tok)) > 1:
            return tok
    return name


def split_names(text: str, *, runs: bool = False) -> list[str] | None:
    """Names separated by spaces or 、, with typesetter padding undone; None if not names.
    ``runs``: the text follows a role word, so a run of four or more characters is names
    printed without spaces (``通讯员楼斌李周龙``, split by names.py) and a surname set apart
    from a two-character name (``崔 佳 李 坚文``) is one name."""
    tokens = [t for t in _SEP.split(text.strip()) if t]
    names: list[str] = []
    singles: list[str] = []
    for tok in tokens:
        if len(tok) == 1 and "\u4e00" <= tok <= "\u9fff":
            singles.append(tok)
            if len(singles) == 2:
                names.append("".join(singles))
                singles = []
            continue
        if runs and len(singles) == 1 and _CJK2.match(tok) and surname_of(singles[0]):
            # after a role word: ``李 坚文``, a surname set apart from its name by the spacing
            names.append(singles[0] + tok)
            singles = []
            continue
        if singles:
            return None  # a stray single character: not a padded name
        if runs and _RUN.match(tok) and surname_of(tok):
            names += _split_token(tok)  # names printed without spaces after a role: 楼斌李周龙
            continue
        if not _NAME.match(tok):
            return None
        names.append(tok)
    if singles:
        return None
    return names or None


def bare_names(text: str) -> list[str] | None:
    """A line that is only one or two people's names (``李洪兴``, ``朱  磊``, ``祝大伟  高洪刚``):
    each 2 to 3 characters and opening with a known surname, or four after a two-character
    surname (``欧阳日辉``)."""
    if len(text) > 12 or re.search(r"[^\u4e00-\u9fff\s\u3000]", text):
        return None
    if PADDED_NAME.fullmatch(text.strip()):
        name = re.sub(r"[\s\u3000]+", "", text)  # ``默 达``: a two-character name set to width
        return [name] if surname_of(name) or name not in _SPACED_LABELS else None
    names = split_names(text)
    if not names or len(names) > 2:
        return None
    if any(n.endswith(_PLACE_ENDS) and len(n) == 3 for n in names):
        return None  # ``文昌市``, ``万宁市``: places, listed in a box
    if all(2 <= len(n) <= 3 and surname_of(n) or _compound_name(n) for n in names):
        return names
    return None


#: A three-character word ending so is a place (``文昌市``, ``陵水县``), not a person.
_PLACE_ENDS = tuple("市县区镇乡村省州")


#: A two-character name padded to the width of three (``默 达``, ``朱  磊``): typesetters pad
#: names so, and nothing else is printed so.
#: Two-character labels set to width the same way (``回 信``, ``附 件``): no names.
_SPACED_LABELS = frozenset(
    "回信 附件 前言 后记 导语 链接 编后 按语 序言 引言 结语 附录 简讯 快讯 图片 新闻 评论 "
    "时评 短评 声明 启事 公告 通知 目录 提要 导读 专题 特稿 特写 综述 观察 视点 访谈 对话 "
    "人物 故事".split()
)
PADDED_NAME = re.compile(r"[\u4e00-\u9fff][\s\u3000]{1,3}[\u4e00-\u9fff]")


def more_names(text: str) -> list[str] | None:
    """A line of names alone under a byline, going on with it (``□ 《瞭望》新闻周刊记者 刘亢`` /
    ``凌军辉 陈刚 蒋芳``): two to four names of two or three characters, set apart by spaces,
    most opening with a known surname."""
    parts = text.split()
    if not 2 <= len(parts) <= 4 or any(not re.fullmatch(r"[\u4e00-\u9fff]{2,3}", p) for p in parts):
        return None
    return parts if 2 * sum(bool(surname_of(p)) for p in parts) > len(parts) else None


def _compound_name(name: str) -> bool:
    """A four-character name opening with a two-character surname (``欧阳日辉``)."""
    return len(name) == 4 and name[:2] in COMPOUND_PPM


def _paren_names(inner: str) -> tuple[Byline, ...]:
    """``本报太原1月15日电  （周亚军、温振）``: names without a role in the brackets right after
    a dateline are its authors, when each is a name of two or three characters and one opens
    with a known surname."""
    names = split_names(inner) if len(inner) <= 24 else None
    if not names or not all(2 <= len(n) <= 3 for n in names):
        return ()
    if not any(surname_of(n) for n in names):
        return ()
    return tuple(Byline("author", n, n) for n in names)


def parse_roles(text: str, *, sure: bool = False) -> tuple[Byline, ...]:
    """``记者 刘菲 通讯员 潘萌`` -> bylines; () when the text is not purely roles and names.
    ``sure``: the text is a byline slot (the brackets after a dateline), so a name need not
    open with a known surname (``（记者扎西）``)."""
    text = text.strip()
    matches = list(_ROLE_RE.finditer(text))
    if not matches:
        return ()
    out: list[Byline] = []
    if matches[0].start() != 0:
        # ``（刘晓本报记者王浩）``: the first name printed without a role
        lead = split_names(text[: matches[0].start()])
        if lead is None or len(lead) > 2:
            return ()
        out += [Byline("author", n, n) for n in lead]
    for m, nxt in zip(matches, [*matches[1:], None], strict=True):
        segment = text[m.end() : nxt.start() if nxt else len(text)].strip(" \u3000:：")
        role = _role_of(m["role"])
        org = m["org"] or ""
        if not segment:
            if role == "commentator":
                out.append(Byline("commentator", org + m["role"], org + m["role"]))
                continue
            if role == "reporter" and nxt is None:
                continue  # 本报记者 with the names given elsewhere
            return ()
        names = split_names(segment, runs=True)
        if names is None or (
            " " not in text and not sure and not any(surname_of(n) for n in names)
        ):
            return ()  # ``记者了解到``: a sentence, not a byline
        for n in names:
            run = split_run_of(n, segment)
            printed = f"{org}{m['role']} {n}" if role not in ("reporter", "correspondent") else run
            out.append(Byline(role, n, printed))
    return tuple(out)


#: ``文/图`` after a byline's names: they wrote the story and took its pictures.
_BOTH_TAIL = re.compile(r"\s+(?:文\s*[/／]\s*图|图\s*[/／]\s*文|文图|图文)$")
#: Another maker's slash credit after the photographer's: ``图/李四 视频/王五``.
_OTHER_CREDIT = re.compile(r"\s+(?=(?:视频|海报|制图|设计|剪辑|摄像)\s*[/／])")


def _other_credits(who: str) -> tuple[str, str]:
    """``李四 视频/王五`` -> (``李四``, ``视频/王五``)."""
    parts = _OTHER_CREDIT.split(who, maxsplit=1)
    return parts[0], parts[1] if len(parts) > 1 else ""


_TEXT_BY = re.compile(r"^文\s*[/／\\]\s*(?:图\s*[/／\\]?\s*)?|^文图\s*[/／]?\s*")
_PHOTO_BY = re.compile(r"\s+图\s*[/／]\s*(?P<who>.+)$")


def role_alone(text: str) -> bool:
    """A role printed alone on its line, the names on the next line (``新华社记者`` /
    ``吴慧珺 戴威``)."""
    t = text.strip()
    m = _ROLE_RE.fullmatch(t) if len(t) <= 12 else None
    return m is not None and m["role"].endswith(("记者", "通讯员", "实习生"))


#: A body signing as one (``陕西省委理论学习中心组``, ``国防大学…思想研究中心``, ``…课题组``,
#: ``学习时报编辑部``).
_GROUP_ENDS = ("中心组", "课题组", "写作组", "调研组", "研究中心", "编辑部", "评论部")
_GROUP_BY = re.compile(
    r"[\u4e00-\u9fff（）·]{2,32}(?:中心组|课题组|写作组|调研组|研究中心|编辑部|评论部)"
)


def is_byline_line(text: str, *, bare: bool = True) -> tuple[Byline, ...] | None:
    """A byline printed on its own line (``本报记者  范昊天``, ``本报评论员``,
    ``文/图 本报记者 张三``, ``文/本报记者 张三 图/李四``), else None. ``bare``: a line of
    names alone (``李洪兴``) counts, as under a commentary's headline."""
    if len(text) > 80 or "。" in text:
        return None  # a byline is short and has no full stop: most lines leave here
    if text.startswith(BYLINE_MARKS):
        if _ROLE_RE.match(rest := text[1:].strip()) or _TEXT_BY.match(rest):
            # ``□ 通讯员 徐公轩``, ``■ 文\图 陈有济``: a role, then names
            return is_byline_line(rest, bare=bare)
        if names := split_names(rest):
            return tuple(Byline("author", n, n) for n in names)  # ``□成曦 大可`` (clean_line)
    if signed_by := _SIGNED.match(text.strip()):
        signers = split_names(signed_by["who"]) or [signed_by["who"].strip()]
        return tuple(Byline("author", n, n) for n in signers)
    if school := _SCHOOL_BY.match(text.strip()):
        return (Byline("author", school["name"], text.strip()),)
    if text.endswith(_GROUP_ENDS) and _GROUP_BY.fullmatch(text.strip()):
        return (Byline("author", text.strip(), text.strip()),)
    t = _TEXT_BY.sub("", text.strip())
    if (
        (t.endswith("报道") or "发自" in t)
        and (filed := _FILED_TAIL.search(t))
        and _ROLE_RE.match(t)
    ):
        t = t[: filed.start()]  # ``本报记者 张三 发自北京``, ``记者 张三 北京报道``: where from
    if (tail := _REPORTED_TAIL.search(t)) and _ROLE_RE.match(t):
        t = t[: tail.start()]  # ``本报记者  施  芳  赵婀娜摄影报道``: the reporters
    if photo_credit(t):
        return None  # ``本报通讯员 王五摄`` credits a photo, not the story
    signed = t != text.strip()
    photo: list[Byline] = []
    if t.endswith(("图", "文")) and (both := _BOTH_TAIL.search(t)) and _ROLE_RE.match(t):
        t = t[: both.start()]  # ``本报记者 张三 文/图``: the reporters wrote and shot it
    if m := _PHOTO_BY.search(t):
        who, more = _other_credits(m["who"])
        shooters = split_names(_ROLE_RE.sub("", who, count=1)) or []
        photo = [Byline("photographer", n, f"图/{n}") for n in shooters]
        if more:
            photo += credit_line(more) or ()
        t = t[: m.start()]
    if len(t) > 60 or not (m := _ROLE_RE.match(t)):
        if signed and (names := split_names(t)):
            return tuple(Byline("author", n, n) for n in names) + tuple(photo)
        if bare and (names := bare_names(t)):
            return tuple(Byline("author", n, n) for n in names)
        return None
    if _role_of(m["role"]) not in ("reporter", "correspondent", "commentator", "intern"):
        return None
    bylines = parse_roles(t)
    if bylines or re.fullmatch(_ROLE_RE.pattern, t):
        return bylines + tuple(photo)
    return None


_POSTS = (
    r"(?:主席|书记|部长|院长|校长|教授|研究员|主任|理事长|局长|厅长|省长|市长|县长|委员|会长|"
    r"社长|所长|总编辑|董事长|经理|专家|院士|科长|处长|医师|讲师|律师|法官|检察官|工程师)"
)
#: ``贵州省政协主席 赵永清``, ``民政部党组书记、部长 陆治原``: an author's post before the name.
_POSTED = re.compile(
    rf"^(?P<post>[\u4e00-\u9fff（）()、]{{2,24}}{_POSTS})[\s\u3000]+"
    r"(?P<who>[\u4e00-\u9fff][\u4e00-\u9fff\s\u3000]{1,10})$"
)
#: ``河南省委书记刘宁``, ``…党组书记、主任窦贤康``: the same printed without a space.
_POSTED_GLUED = re.compile(
    rf"^(?P<post>[\u4e00-\u9fff（）()、]{{2,24}}{_POSTS})(?P<who>[\u4e00-\u9fff]{{2,3}})$"
)
#: ``林伯强 厦门大学中国能源政策研究院院长``: a person's name, then a post.
_PERSON = re.compile(
    rf"^(?P<who>[\u4e00-\u9fff]{{2,3}})[\s\u3000\u00a0]+[\u4e00-\u9fff（）()、]{{2,40}}{_POSTS}$"
)


#: ``高晓东（复旦大学附属中山医院感染管理科副科长…）``: the author and their post, closing a piece.
_AUTHOR_POST = re.compile(
    rf"^(?P<who>[\u4e00-\u9fff]{{2,3}})[（(](?P<post>[^（()）]{{2,80}}{_POSTS}[^（()）]{{0,20}})[)）]$"
)
#: ``浦东新区南林路658弄银杏苑  张先生``: a reader's letter signed with where they live.
_SIGN_OFF = re.compile(
    r"^(?P<where>[\u4e00-\u9fff\d]{4,30})[\s\u3000]{2,}"
    r"(?P<who>[\u4e00-\u9fff](?:先生|女士|阿姨|大爷|老伯|师傅)|[\u4e00-\u9fff]{2,3})$"
)


def sign_off(text: str) -> Byline | None:
    """A line that signs a piece after its body: the author with their post in brackets
    (``高晓东（…副科长、…委员）``) or a reader's place and name (``…银杏苑  张先生``)."""
    t = text.strip()
    if (m := _AUTHOR_POST.match(t)) and bare_names(m["who"]):
        return Byline("author", m["who"], t)
    if (m := _SIGN_OFF.match(t)) and (bare_names(m["who"]) or surname_of(m["who"][0])):
        return Byline("other", m["who"], t)
    return None


def person_line(text: str) -> bool:
    """A line naming a person and their post (a guest list's line, a speaker's line), never
    a headline: ``林伯强 厦门大学中国能源政策研究院院长``."""
    m = _PERSON.match(text.strip())
    return m is not None and bare_names(m["who"]) is not None


def posted_author(text: str) -> bool:
    """An author's post before their name (``山东省委书记 林武``): a byline, never a headline."""
    return _posted_names(text) is not None


def _posted_names(text: str) -> list[str] | None:
    """The names after an author's post (``山东省委书记 林武``, ``河南省委书记刘宁``), or None."""
    t = text.strip()
    if len(t) > 40:
        return None
    if m := _POSTED.match(t):
        return bare_names(m["who"])
    if (m := _POSTED_GLUED.match(t)) and m["who"][0] not in _NOT_GLUED_NAME:
        return bare_names(m["who"])
    return None


#: A headline's verb or preposition after a post (``省委书记谈发展``), not a surname there.
_NOT_GLUED_NAME = frozenset("谈说看在为向对与和赴到访出会论答讲话等是的")


def author_line(text: str) -> tuple[Byline, ...] | None:
    """An author line under a headline: a signer's byline, one or two bare names
    (``李志明``, ``韩庆祥　方兰欣``) or a post before a name (``贵州省政协主席 赵永清``)."""
    by = is_byline_line(text)
    if by and any(b.role in ("reporter", "correspondent", "author", "commentator") for b in by):
        return by
    if names := _posted_names(text):
        return tuple(Byline("author", n, n) for n in names)
    return None


#: Who supplied a photo when no person is named: ``企业供图``, ``受访者供图``.
_SUPPLIERS = {"企业", "受访者", "警方", "主办方", "单位", "资料", "网络", "医院", "学校", "景区"}


_BRACKETED = re.compile(r"[（(](?P<inner>[^（()）]{2,40})[)）]")


#: A wire photo credited to its agency: ``新华社发``, ``中新社发（张三摄）``, or to the agency
#: that shot it through another (``新华社/法新``).
_AGENCY_PHOTO = re.compile(
    r"^(?P<org>新华社|中新社|人民视觉|视觉中国)"
    r"(?:发\s*(?:[（(][^（()）]{1,20}[)）])?|/(?:法新|美联|路透|欧新|卫星|塔斯|安纳多卢|共同)社?)$"
)


def photo_credit(text: str) -> tuple[Byline, ...] | None:
    """``闫庆收摄``, ``新华社记者  周  华摄``, ``施国辉摄（人民视觉）``, ``新华社发`` ->
    photographer bylines."""
    t = text.strip()
    if t.endswith(("发", ")", "）", "新", "联", "透", "星", "斯", "卢", "同", "社")) and (
        a := _AGENCY_PHOTO.match(t)
    ):
        return (Byline("photographer", a["org"], t),)
    if len(t) > 50 or not t.endswith(("摄", "影", "图", ")", "）")):
        return None
    if (b := _BRACKETED.fullmatch(t)) and b["inner"].rstrip().endswith(("摄", "供图")):
        return photo_credit(b["inner"])  # ``（主办方供图）`` on its own line
    m = _PHOTO.match(t)
    if not m:
        return None
    who = m["who"].strip()
    role = _ROLE_RE.match(who)
    if role:
        who = who[role.end() :]
    if _ROLE_RE.search(who):
        return None  # ``市民扫码  记者 王晓 摄``: a caption with its credit, not a credit
    names = split_names(who) or ([who] if _HANDLE.match(who) or who in _SUPPLIERS else None)
    if not names:
        return None
    org = (role.group(0) + " ") if role else ""
    extra = m["extra"] or ""
    printed = f"{org}{'、'.join(names)}摄{extra}"
    return tuple(Byline("photographer", n, printed) for n in names)


#: A graphic's credits with a slash: ``文字/侯赛``, ``制图/陈海冰``, ``文字/陈耿 制图/陈海冰``.
_SLASH_ROLES = r"文字整理|文字|制图|设计|统筹|策划|AI绘图|绘图|插图|视频|海报|摄像|剪辑|图"
_SLASH_CREDIT = re.compile(
    rf"(?:本版)?(?P<role>{_SLASH_ROLES})\s*/\s*(?P<who>[\u4e00-\u9fff·]{{2,12}}?)\s*"
    rf"(?=$|\s|本版|{_SLASH_ROLES})"
)
_SLASH_CREDITS = re.compile(rf"(?:{_SLASH_CREDIT.pattern}\s*)+")
_SLASH_ROLE: dict[str, Role] = {
    "制图": "designer",
    "设计": "designer",
    "AI绘图": "designer",
    "绘图": "designer",
    "插图": "designer",
    "海报": "designer",
    "图": "photographer",
}


#: Who compiled a box (``相关链接`` / tips) under a story: ``（徐珊珊 辑）``.
_COMPILED_BY = re.compile(r"[（(]\s*(?P<who>[\u4e00-\u9fff·][\u4e00-\u9fff·\s、]{1,20}?)\s*辑[)）]")


def credit_line(text: str) -> tuple[Byline, ...] | None:
    """``版式设计：张芳曼``, ``责任编辑：X  美编：Y`` -> credits; None if not such a line."""
    t = text.strip()
    if (
        t.endswith(("辑）", "辑)"))
        and (c := _COMPILED_BY.fullmatch(t))
        and (names := split_names(c["who"]))
    ):
        return tuple(Byline("editor", n, t[1:-1].strip()) for n in names)  # compiled a box
    if pt := _PIC_TEXT.match(t):  # 曹  一图  吕  岩文: picture by 曹一, text by 吕岩
        shot, wrote = re.sub(r"\s+", "", pt["p"]), re.sub(r"\s+", "", pt["a"])
        return (Byline("photographer", shot, f"{shot}图"), Byline("reporter", wrote, wrote))
    if len(t) <= 40 and _SLASH_CREDITS.fullmatch(t):  # a graphic's makers: 文字/侯赛 制图/Y
        made = _SLASH_CREDIT.finditer(t)
        return tuple(
            Byline(_SLASH_ROLE.get(m["role"], "other"), m["who"], m[0].strip()) for m in made
        )
    if len(t) > 60 or not _CREDIT_LINE.match(t):
        return None
    out: list[Byline] = []
    if t.startswith("图据"):  # 图据“X”社交账号: where the photo was taken from
        return (Byline("other", t[2:], t),)
    if "代表作者" in t:  # 本版言论只代表作者个人观点 投稿信箱：…: the page's notice
        return (Byline("other", t, t),)
    if t.endswith("提供"):  # 本版图片由受访者提供: who supplied the pictures
        return (Byline("photographer", t[t.index("由") + 1 : -2], t),)
    if ":" not in t and "：" not in t:
        role_word, _, who = t.partition(" ")
        return (Byline("designer" if role_word == "制图" else "other", who.strip(), t),)
    for part in re.finditer(
        r"(?P<role>[\u4e00-\u9fffA-Z]{2,6}(?:[/／、][\u4e00-\u9fffA-Z]{2,6})*)\s*[:：]\s*"
        r"(?P<who>[^:：]+?)(?=\s+[\u4e00-\u9fffA-Z]{2,6}(?:[/／、][\u4e00-\u9fffA-Z]{2,6})*"
        r"\s*[:：]|$)",
        t,
    ):
        word = re.split(r"[/／、]", part["role"])[0]
        role: Role = _ROLE_OF.get(word) or _ROLE_OF.get(
            word.removeprefix("本版"), "designer" if "设计" in word else "other"
        )
        if word in ("撰文", "撰稿", "采写"):
            role = "author"  # ``撰文：X`` closing a feature: its writer
        who = part["who"].strip()
        if (staff := _ROLE_RE.match(who)) and staff.end() < len(who):
            who = who[staff.end() :]  # ``撰文：南方日报记者 赵三 钱四``: the names after the role
        names = split_names(who) or [who.strip()]
        out += [Byline(role, n, f"{part['role']}：{n}") for n in names]
    return tuple(out) or None


_PIC_TEXT = re.compile(
    r"^(?P<p>[\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){1,3})\s*图\s+"
    r"(?P<a>[\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){1,3})\s*文$"
)
#: A closing byline in any bracket style: ``（本报记者X）``, ``(本报记者X)``, ``〔本报记者X〕``,
#: ``【本报记者X】``.
_CLOSING = re.compile(
    r"(?:[（(](?P<inner>[^（()）]{2,60})[)）]|〔(?P<tort>[^〔〕]{2,60})〕|【(?P<lent>[^【】]{2,60})】)$"
)
_TEXT_PHOTO = re.compile(
    r"^(?P<a>[\u4e00-\u9fff\s、]{2,20})/\s*文\s*(?P<p>[\u4e00-\u9fff\s、]{2,20})/\s*图$"
)


#: A closing byline's ending: the piece was told and written down (``采访整理``, ``整理``).
_COMPILED = re.compile(r"(?:采访)?整理$")
#: ``本报记者 X Y摄影报道``: the reporters' line of a photo report.
_REPORTED_TAIL = re.compile(r"\s*(?:摄影|图文)?报道$")
#: Where a byline's reporters filed from, set apart after the names: ``发自巴黎``, ``北京报道``
#: (a name glued to 报道 after a space, ``记者 张三 李四报道``, reads the same and is lost).
_FILED_TAIL = re.compile(r"\s+(?:发自[\u4e00-\u9fff]{2,10}|[\u4e00-\u9fff]{2,4}报道)$")


def closing_byline(text: str) -> tuple[str, tuple[Byline, ...]] | None:
    """A byline closing a story in parentheses, alone or glued to the last sentence:
    ``…。（实习记者张三本报记者李四）``, ``（X/文Y/图）``,
    ``（X本报记者Y摄）`` (a photo credit). Returns the text before it and the bylines."""
    if not text.rstrip().endswith((")", "）", "〕", "】")):
        return None  # the cheap test first: the pattern is anchored at the end
    m = _CLOSING.search(text.strip())
    if not m:
        return None
    inner = (m["inner"] or m["tort"] or m["lent"]).strip()
    rest = text.strip()[: m.start()].rstrip()
    if rest and not rest.endswith(("。", "！", "？", "”", "…")):
        return None
    if tp := _TEXT_PHOTO.match(inner):
        writers = split_names(tp["a"]) or []
        shooters = split_names(tp["p"]) or []
        return rest, tuple(Byline("reporter", n, n) for n in writers) + tuple(
            Byline("photographer", n, f"{n}/图") for n in shooters
        )
    if written := _written_by(inner):  # （撰文/罗学政） glued after the last sentence too
        return rest, written
    if (c := _COMPILED.search(inner)) and (by := parse_roles(inner[: c.start()])):
        return rest, by  # （本报记者  X  Y整理）, （…采访整理）: the journalists who wrote it down
    if inner.endswith("摄") and (by := parse_roles(inner[:-1])):
        return rest, tuple(Byline("photographer", b.name, f"{b.name}摄") for b in by)
    if (by := parse_roles(inner)) and any(b.role != "commentator" for b in by):
        return rest, by
    if not rest and (names := _signature(inner)):
        if m["lent"] and _BARE.fullmatch(inner):
            return None  # ``【马仔功】``: a box's heading; a paper signs a bare name in （）
        return rest, tuple(Byline("author", n, n) for n in names)
    return None


#: A writer's credit: ``撰文/罗学政``, ``撰文：廖明娟 唐俊``, ``执笔：汤俊峰``, ``文字整理/黎鹏``;
#: a picture credit may stand before or after it (``撰文/刘小茴 供图/省旅文厅``,
#: ``图/王少华 文/韩慧``).
_CREDIT_ROLE = re.compile(
    r"(?P<role>执笔|撰稿|撰文|文字整理|文字|文|供图|图片|摄影|图)\s*[：:/]\s*"
)
_PICTURE_ROLES = ("供图", "图片", "摄影", "图")


def _written_by(inner: str) -> tuple[Byline, ...] | None:
    """The writers a bracketed credit names after its role word, each a name, and who gave
    the pictures; None if it is no such credit (it names no writer, or a writer is no name)."""
    marks = list(_CREDIT_ROLE.finditer(inner))
    if not marks or marks[0].start() != 0:
        return None
    out: tuple[Byline, ...] = ()
    wrote = False
    for m, end in zip(marks, [x.start() for x in marks[1:]] + [len(inner)], strict=True):
        who = inner[m.end() : end].strip()
        if not who:
            return None
        if m["role"] in _PICTURE_ROLES:
            shooters = split_names(who)
            pics = tuple(Byline("photographer", n, n) for n in shooters or ())
            out += pics or (Byline("other", who, who),)
            continue
        names = [n for n in re.split(r"[\s、，,]+", who) if n]
        if not all(len(n) <= 4 and surname_of(n) for n in names):
            return None
        out += tuple(Byline("author", n, n) for n in names)
        wrote = True
    return out if wrote else None


#: A signature closing a brief on a line of its own: ``（邓敏）``, ``（韦磊余茜）``,
#: ``（执笔：汤俊峰）``, ``（李东映参与采写）``, ``（夏维兰整理）``; not ``（全文完）``,
#: ``（资料图片）``.
_SIGNATURE = re.compile(
    r"(?:(?:执笔|撰稿|撰文)[：:]\s*)?(?P<who>[\u4e00-\u9fff]{2,12}?)"
    r"(?:参与采写|采写|采访整理|整理)?"
)
_NOT_SIGNED = re.compile(r"[完续删载图摄待转据版供]")
#: Characters alone, no role word: in ``【】`` a box's heading (``【马仔功】``), no signature.
_BARE = re.compile(r"[\u4e00-\u9fff]{2,12}")


def _signature(inner: str) -> list[str] | None:
    """The names in a bracketed signature alone on its line (see ``_SIGNATURE``), or None."""
    m = _SIGNATURE.fullmatch(inner)
    if not m or _NOT_SIGNED.search(m["who"]) or surname_of(m["who"]) is None:
        return None
    names, doubtful = split_run(m["who"])
    if doubtful and len(m["who"]) > 4:
        return None  # ``【后安桩头功】``: a box's heading, no name of one person
    return [m["who"]] if doubtful else names


_GLUED_DATELINE = re.compile(
    r"(?:(?<=[。！？”…」])|^)[\s\u3000\u00a0]*(?P<dl>[^\s\u3000。！？]{4,40}电)$"
)


def closing_dateline(text: str) -> tuple[str, Dateline] | None:
    """A dated dispatch closing a story, on its own line or glued after the last sentence
    (``新华社贵阳4月27日电``, ``…盎然。　　新华社石家庄4月27日电``): the text before it and the
    dateline."""
    if not text.rstrip().endswith("电"):
        return None  # most lines leave here
    m = _GLUED_DATELINE.search(text.strip())
    if not m:
        return None
    dl = match_dateline(m["dl"])
    if dl is None or dl.rest or dl.dateline != m["dl"] or "日" not in dl.dateline:
        return None
    return text.strip()[: m.start()].rstrip(" \u3000\u00a0"), dl


_SIGNER_WORD = re.compile(r"记者|通讯员|实习生")
#: The paper's own signer and one name closing the text, unspaced: ``…针剂。本报记者王军``.
_OWN_SIGNER = re.compile(r"本报(?:记者|实习生|通讯员)[\u4e00-\u9fff]{2,3}(?<![说称道问])")
_AFTER_STOP = re.compile(r"(?<=[。！？”…」])[\s\u3000\u00a0]*(?=\S)")


def glued_byline(text: str) -> tuple[str, tuple[Byline, ...]] | None:
    """A byline without brackets glued after the last sentence (``…中发现。 本报记者 左妍``,
    ``…有人了。”本报记者 杨硕``): the text before it and the bylines."""
    t = text.strip()
    if not _SIGNER_WORD.search(t[-30:]):
        return None  # most lines leave here
    for m in _AFTER_STOP.finditer(t, max(0, len(t) - 40)):
        tail = t[m.end() :]
        if len(tail) > 30 or not _ROLE_RE.match(tail):
            continue
        if not re.search(r"[\s\u3000]", tail) and not _OWN_SIGNER.fullmatch(tail):
            continue  # names set apart by a space: ``记者张三说`` is a sentence
        by = is_byline_line(tail, bare=False)
        if by and any(b.role in ("reporter", "correspondent", "intern") for b in by):
            return t[: m.start()].rstrip(), by
    return None


#: A name of two or three characters glued after the last sentence: ``…的方式。应健中``.
_GLUED_NAME = re.compile(r"(?<=[。！？”])[\u4e00-\u9fff]{2,3}$")
#: Words that close a text and read like a surname and a given name: no signature.
_CLOSING_WORDS = frozenset("谢谢 敬礼 祝福 祝好 共勉 感谢 全文完 完毕 待续 续完 再见 加油".split())


def glued_author(text: str) -> tuple[str, Byline] | None:
    """The author's bare name glued after a story's last sentence (``…差价博弈的方式。应健中``),
    as a columnist signs: the text before it and the author. The caller asks only of the
    last paragraph of a story nothing else signs."""
    t = text.rstrip()
    if len(t) < 8 or not "\u4e00" <= t[-1] <= "\u9fff":
        return None  # most paragraphs end on a mark and leave here
    m = _GLUED_NAME.search(t, len(t) - 3)
    if m is None or (word := m.group()) in _CLOSING_WORDS or word[0] == word[1]:
        return None  # ``…帮助。谢谢``, ``…。哈哈``: a word, not a name
    if (names := bare_names(word)) is None or len(names) != 1:
        return None
    return t[: m.start()], Byline("author", names[0], word)


def closing_credit(text: str) -> Dateline | None:
    """A closing credit: ``（新华社北京1月2日电  记者周圆、黄垚）`` or ``（本报记者 X）``."""
    t = text.strip()
    m = re.fullmatch(r"[（(](?P<inner>[^（()）]{2,400})[)）]", t)
    if not m:
        return None
    inner = m["inner"].strip()
    d = _DATELINE.match(inner)
    if d:
        rest = inner[d.end() :].strip(" \u3000，,")
        bylines = parse_roles(rest) if rest else ()
        if rest and not bylines and (names := bare_names(rest)):
            bylines = tuple(Byline("reporter", n, n) for n in names)  # ``…7月20日电 王逸君``
        if rest and not bylines:
            return None
        return Dateline(d["dl"], _place(d["place"]), bylines, "")
    bylines = parse_roles(inner)
    if bylines:
        return Dateline("", None, bylines, "")
    if names := bare_names(inner):  # ``（王彬彬 费艳玲）`` alone on a line: the writers
        return Dateline("", None, tuple(Byline("author", n, n) for n in names), "")
    if writers := _writers(inner):
        return Dateline("", None, tuple(Byline("author", n, n) for n in writers), "")
    return None


_GLUED_CREDIT = re.compile(
    r"(?<=[。！？”…」])[\s\u3000\u00a0]*(?P<credit>[（(][^（()）]{4,60}[)）])$"
)


def split_glued_credit(text: str) -> tuple[str, Dateline] | None:
    """The text before a closing credit glued after its last sentence, and the credit."""
    if not text.rstrip().endswith((")", "）")):
        return None
    t = text.strip()
    m = _GLUED_CREDIT.search(t)
    cc = closing_credit(m["credit"]) if m else None
    return (t[: m.start()].rstrip(), cc) if m and cc else None


def glued_credit(text: str) -> Dateline | None:
    """A closing credit glued after the last sentence (``…匠心力量。 （本报牙叉7月16日电）``,
    ``…活力之门。（本报海口7月12日讯）``): the story ends there."""
    if not text.rstrip().endswith((")", "）")):
        return None  # the cheap test first
    m = _GLUED_CREDIT.search(text.strip())
    return closing_credit(m["credit"]) if m else None


#: Who wrote a piece down for a body: ``执笔人：…研究中心研究员 白洁；外交学院院长 高飞``.
_WRITERS = re.compile(r"(?:执笔人?|撰稿人?)[：:]\s*(?P<who>[^：:]{2,120})")


def _writers(inner: str) -> list[str] | None:
    """The people named after ``执笔人：``, each bare or after their post; None if any is not."""
    m = _WRITERS.fullmatch(inner)
    if not m:
        return None
    names: list[str] = []
    for part in re.split(r"[；;，,]", m["who"]):
        found = bare_names(part.strip()) or _posted_names(part)
        if not found and "、" in part:  # ``张三、李四``
            each = [bare_names(x.strip()) for x in part.split("、")]
            found = [n for x in each if x for n in x] if all(each) else None
        if not found:
            return None
        names += found
    return names
