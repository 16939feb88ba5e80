"""The newsletter: rendered once, personalised per subscriber, safe headers, under Gmail's clip."""

from __future__ import annotations

import base64
import email
import email.header
import email.policy
import email.utils
import re
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import dkim
import pytest

from syndicate import assets
from syndicate.config import PaperConfig
from syndicate.model import Article, Issue
from syndicate.newsletter.delivery import DKIM_HEADERS
from syndicate.newsletter.headers import HeaderInjection, check_text, mailbox
from syndicate.newsletter.render import (
    GMAIL_CLIP_BYTES,
    PREFS_SLOT,
    UNSUBSCRIBE_SLOT,
    Newsletter,
    NewsletterOptions,
    Recipient,
    render_newsletter,
    subject_line,
)
from syndicate.parse import parse_bytes
from tests.conftest import SEED
from tests.subhead_support import JOINED, TWO_LINES, subhead_issue
from tests.verse_support import ONE_LINE, STANZAS, assert_stanza, html_stanzas, verse_issue

NOW = datetime(2022, 3, 24, 23, 0, tzinfo=UTC)
BASE = "https://news.example.org"
OPTIONS = NewsletterOptions(
    base_url=BASE,
    paper=PaperConfig(slug="jngx", name="济宁高新新闻"),
    from_address="newsletter@example.org",
)
READER = Recipient("reader@example.com", "张三", "tok.EN-_1")
CVE_VECTOR = "=?utf-8?q?hi=0ABcc:=20evil@example.com?="


def seed_issue() -> Issue:
    return parse_bytes(SEED.read_bytes(), source=SEED.name)


def render(issue: Issue | None = None, options: NewsletterOptions = OPTIONS) -> Newsletter:
    issue = issue or seed_issue()
    stories = [(a.key, a) for a in issue.articles]
    return render_newsletter(assets.environment("email"), issue, stories, options, now=NOW)


def parse(data: bytes) -> EmailMessage:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def bodies(msg: EmailMessage) -> tuple[str, str]:
    text, html = msg.get_body(("plain",)), msg.get_body(("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()


def test_subject_follows_the_house_format() -> None:
    nl = render()
    lead = "实施产业聚集“五大工程” 跑出现代产业聚链成群加速度"
    assert nl.subject == f"济宁高新新闻｜3月25日 第627期：{lead}"
    assert parse(nl.message(READER))["Subject"] == nl.subject
    no_number = replace(seed_issue(), serial=None, number_in_year=None)
    assert subject_line("报", no_number, "头条") == "报｜3月25日：头条"


def test_every_list_header_is_there() -> None:
    msg = parse(render().message(READER))
    assert msg["From"] == "济宁高新新闻 <newsletter@example.org>"
    assert msg["To"] == "张三 <reader@example.com>"
    assert msg["Date"] == "Thu, 24 Mar 2022 23:00:00 +0000"
    assert msg["List-Id"] == "济宁高新新闻 <jngx.example.org>"
    assert msg["List-Unsubscribe"] == (
        f"<{BASE}/u/tok.EN-_1>, <mailto:unsubscribe+tok.EN-_1@example.org?subject=unsubscribe>"
    )
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert msg["Precedence"] == "bulk" and msg["Auto-Submitted"] == "auto-generated"
    assert msg.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]


def test_message_id_is_stable_per_issue_and_address() -> None:
    a, b = render(), render()
    mid = parse(a.message(READER))["Message-ID"]
    assert mid == parse(b.message(replace(READER, token="other", name=None)))["Message-ID"]
    assert re.fullmatch(r"<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@example\.org>", mid)
    assert mid != a.message_id("someone@example.com")


def test_body_links_every_article_to_the_web_edition_with_a_lead() -> None:
    text, html = bodies(parse(render().message(READER)))
    for key in ("p1-1", "p1-5", "p2-2", "p3-2"):
        url = f"{BASE}/jngx/2022-03-25/{key}.html"
        assert f'href="{url}"' in html and url in text
    assert "2022年3月25日 星期五" in text and "总第627期" in html
    leads = [p for p in text.split("\r\n") if p.startswith("2022年，济宁高新区将继续担当")]
    assert leads and len(leads[0]) <= 120 and leads[0].endswith("。")  # characters, not bytes
    # css-inline moved every rule inline but the dark-mode block, which only a <style> can hold
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert len(styles) == 1 and styles[0].strip().startswith("@media (prefers-color-scheme: dark)")
    assert 'style="' in html


def test_the_unsubscribe_link_is_visible_in_both_parts() -> None:
    text, html = bodies(parse(render().message(READER)))
    assert f"退订：{BASE}/u/tok.EN-_1" in text
    assert re.search(rf'<a href="{re.escape(BASE)}/u/tok\.EN-_1"[^>]*>退订</a>', html)
    assert UNSUBSCRIBE_SLOT not in text + html


def test_personalising_equals_rendering_for_that_subscriber() -> None:
    nl = render()
    msg = parse(nl.message(READER))
    url, prefs = f"{BASE}/u/{READER.token}", nl.prefs_url(READER.prefs_token)
    text, html = bodies(msg)
    for body, rendered in ((text, nl.text), (html, nl.html)):
        filled = rendered.replace(UNSUBSCRIBE_SLOT, url).replace(PREFS_SLOT, prefs)
        assert body == filled.replace("\n", "\r\n")
    raw = nl.message(READER)
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    assert b"\n" not in raw.replace(b"\r\n", b"")


def test_rendering_is_pure() -> None:
    assert render().message(READER) == render().message(READER)


def test_the_seed_stays_under_gmails_clipping_limit_even_in_full() -> None:
    short = render().message(READER)
    full_nl = render(options=replace(OPTIONS, full_text=True))
    full = full_nl.message(READER)
    assert len(short) < len(full) < GMAIL_CLIP_BYTES
    text, _ = bodies(parse(full))
    assert "本报济宁讯" in text and "坚决挺起制造强市“高新脊梁”" in text
    print(f"seed newsletter: {len(short)} bytes (lead), {len(full)} bytes (full text)")


@pytest.mark.parametrize(
    "name",
    ["x\r\nBcc: evil@example.com", "x\nBcc: evil@example.com", CVE_VECTOR, "a\u2028b", "\x00"],
)
def test_header_injection_through_a_name_is_refused(name: str) -> None:
    with pytest.raises(HeaderInjection):
        render().message(replace(READER, name=name))


def test_header_injection_through_issue_text_is_refused() -> None:
    issue = seed_issue()
    bad = replace(issue.articles[0], title=CVE_VECTOR)
    with pytest.raises(HeaderInjection, match="encoded word"):
        render(replace(issue, articles=(bad, *issue.articles[1:])))
    with pytest.raises(HeaderInjection, match="control character"):
        render(options=replace(OPTIONS, paper=PaperConfig(slug="jngx", name="报\r\nBcc: x@y.z")))


def test_safe_names_round_trip_through_a_parser() -> None:
    for name in ("张三", 'O\'Brien, "Jr"', "李" * 100, "Zoë Ünïcode"):
        data = render().message(replace(READER, name=name))
        msg = parse(data)
        assert msg["Bcc"] is None and msg["Cc"] is None
        # RFC 2047 decoding (the legacy API ignores the folding between encoded words, as
        # RFC 2047 section 6.2 says; the new parser keeps a space there in phrases).
        raw = email.message_from_bytes(data, policy=email.policy.compat32)["To"]
        decoded = str(email.header.make_header(email.header.decode_header(raw)))
        assert email.utils.getaddresses([decoded]) == [(name, READER.address)]


def test_check_text_and_mailbox_refuse_the_cve_vector() -> None:
    with pytest.raises(HeaderInjection):
        check_text(CVE_VECTOR, "Subject")
    with pytest.raises(HeaderInjection):
        mailbox(None, "evil@example.com>\r\nBcc: x@example.org", "To")


def test_an_issue_without_articles_is_an_error() -> None:
    with pytest.raises(HeaderInjection, match="no articles"):
        render(replace(seed_issue(), articles=()))


def test_dkim_signature_verifies_and_covers_list_unsubscribe(tmp_path: Path) -> None:
    key = tmp_path / "dkim.pem"
    subprocess.run(["openssl", "genrsa", "-out", str(key), "2048"], check=True, capture_output=True)
    der = subprocess.run(["openssl", "rsa", "-in", str(key), "-pubout", "-outform", "DER"],
                         check=True, capture_output=True).stdout  # fmt: skip
    record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(der)
    message = render().message(READER)
    relaxed = (b"relaxed", b"relaxed")
    signature = dkim.sign(message, b"s1", b"example.org", key.read_bytes(),
                          canonicalize=relaxed, include_headers=DKIM_HEADERS)  # fmt: skip
    signed = signature + message
    assert dkim.verify(signed, dnsfunc=lambda name, timeout=5: record)
    tags = dict(
        t.strip().split("=", 1) for t in signature.decode().split(":", 1)[1].split(";") if t.strip()
    )
    covered = {h.strip().lower() for h in re.sub(r"\s", "", tags["h"]).split(":")}
    assert {"list-unsubscribe", "list-unsubscribe-post", "from", "message-id"} <= covered
    assert tags["c"].strip() == "relaxed/relaxed"
    tampered = signed.replace(b"tok.EN-_1", b"tok.EN-_2")
    assert not dkim.verify(tampered, dnsfunc=lambda name, timeout=5: record)


def test_lead_is_whole_sentences_within_120_characters() -> None:
    one, two, three = "甲" * 49 + "。", "乙" * 49 + "。", "丙" * 49 + "。"
    article = Article(page=1, seq=1, title="标题", paragraphs=(one + two + three,))
    issue = replace(seed_issue(), articles=(article,))
    text, _ = bodies(parse(render(issue).message(READER)))
    lead = next(line for line in text.split("\r\n") if line.startswith("甲"))
    assert lead == one + two  # 100 characters (300 UTF-8 bytes): a third would pass 120


def test_verse_keeps_its_lines_apart_in_both_parts_of_the_full_text() -> None:
    nl = render(verse_issue(), replace(OPTIONS, full_text=True))
    text, html = bodies(parse(nl.message(READER)))
    poem, essay = html_stanzas(html, STANZAS[0][1])  # the poem's first stanza, then the quote
    assert_stanza(poem, STANZAS[0])
    assert_stanza(essay, STANZAS[0])
    for stanza in STANZAS[1:]:
        [lines] = html_stanzas(html, stanza[1])
        assert_stanza(lines, stanza)
    assert "<script" not in html
    for stanza in STANZAS:  # the text part: one line of verse a line, as printed
        assert "\n".join(stanza) + "\n" in text.replace("\r\n", "\n")


def test_the_summary_of_a_poem_is_one_line_in_both_parts() -> None:
    text, html = bodies(parse(render(verse_issue()).message(READER)))
    assert ONE_LINE in text
    assert ONE_LINE in html


def test_a_subhead_printed_on_two_lines_is_one_line_in_the_full_text() -> None:
    text, html = bodies(
        parse(render(subhead_issue(), replace(OPTIONS, full_text=True)).message(READER))
    )
    assert JOINED in html and JOINED in text.replace("\r\n", "\n")
    assert f">{TWO_LINES[1]}<" not in html
