"""Issue 14's "done means", as an admin runs it through the CLI against a real aiosmtpd:
three readers (every issue in full 简体; weekly; every issue, summaries, 繁體 Taiwan, page 1
only). Sending the seed mails the first and third and not the second; the week's digest then
mails the second once, and a second run mails nobody."""

from __future__ import annotations

import json
import re
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import Engine

from syndicate.cli import main
from tests.conftest import SEED
from tests.smtpd import Smtpd

KEY, WEEK = "jngx/2022-03-25", "jngx/2022-W12"
FULL, WEEKLY, HK = "full@example.com", "weekly@example.com", "tw@example.com"


@pytest.fixture
def env(
    db: Engine, db_url: str, tmp_path: Path, smtpd: Smtpd, monkeypatch: pytest.MonkeyPatch
) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SYNDICATE_CONFIG", raising=False)
    monkeypatch.setenv("SYNDICATE_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("SYNDICATE_DATABASE", db_url)
    monkeypatch.setenv("SYNDICATE_SMTP", smtpd.url)
    monkeypatch.setenv("SYNDICATE_SECRET_KEY", "e2e-secret")
    monkeypatch.setenv("SYNDICATE_BASE_URL", "https://news.example.org")
    return tmp_path


def run(*args: str) -> None:
    assert main(list(args)) == 0, args


def bodies(msg: EmailMessage) -> tuple[str, str]:
    text, html = msg.get_body(("plain",)), msg.get_body(("html",))
    assert text is not None and html is not None
    return str(text.get_content()), str(html.get_content())


@pytest.mark.slow
def test_three_readers_an_issue_and_a_digest(
    env: Path, smtpd: Smtpd, capsys: pytest.CaptureFixture[str]
) -> None:
    run("ingest", str(SEED))
    for address in (FULL, WEEKLY, HK):
        run("subscribers", "add", address, "--confirmed")
    run("subscribers", "prefs", FULL, "--frequency", "issue", "--content", "full")
    run("subscribers", "prefs", WEEKLY, "--frequency", "weekly")
    run("subscribers", "prefs", HK, "--content", "summary", "--script", "hant-tw", "--pages", "1")
    capsys.readouterr()
    run("subscribers", "list", "--json")
    listed = {r["email"]: r["prefs"] for r in json.loads(capsys.readouterr().out)}
    assert listed[HK]["pages"] == [1] and listed[HK]["script"] == "hant-tw"
    assert listed[WEEKLY]["frequency"] == "weekly"

    run("send", KEY, "--channel", "email")
    got = {m.rcpt[0]: m.message() for m in smtpd.messages}
    assert sorted(got) == [FULL, HK]

    full_text, _ = bodies(got[FULL])
    assert "网格员向“疫”而行" in full_text  # page 2, in 简体
    assert "本报济宁讯（记者 胡碧源）2022年，济宁高新区" in full_text  # full text: dateline first
    assert len(full_text) > 3 * len(bodies(got[HK])[0])

    tw = got[HK]
    text, html = bodies(tw)
    assert "濟寧高新新聞" in str(tw["Subject"]) and "济宁" not in str(tw["Subject"])
    assert "產業" in text and "产业" not in text  # headlines and body in 繁體
    assert "網格員" not in text and "抓細抓實" not in text  # page 2 left out
    assert "退訂" in text and "更改訂閱設定" in text  # the footer too
    assert 'lang="zh-Hant-TW"' in html
    assert str(tw["List-Id"]) == "济宁高新新闻 <jngx.syndicate.invalid>"  # as printed
    assert tw["To"] == HK
    leads = [line for line in text.splitlines() if line.startswith("2022年")]
    assert leads and all(len(line) <= 120 for line in leads)  # summaries, not full text
    assert re.search(r"https://news\.example\.org/p/\S+", text)  # the preference link

    # A correction moves page 2's first story to page 1: the page-1 reader, already mailed
    # this issue, is not mailed again (one ledger row per reader and issue).
    text = SEED.read_text(encoding="utf-8")
    at, to = text.index("抓细抓实防疫工作"), text.index("网格员向")
    moved = text[:at].rstrip("\n") + "\n\n" + text[at:to].rstrip("\n") + "\n\n\n\n" + text[to:]
    (env / "revised.txt").write_text(moved, encoding="utf-8")
    run("ingest", str(env / "revised.txt"))
    smtpd.messages.clear()
    run("send", KEY, "--channel", "email")
    assert smtpd.messages == []

    capsys.readouterr()
    run("send", WEEK, "--channel", "digest", "--dry-run")
    out = capsys.readouterr().out
    assert out.startswith(f"{WEEKLY}\t") and "digest: would send 1 message(s)" in out
    assert smtpd.messages == []
    run("send", WEEK, "--channel", "digest")
    [digest] = smtpd.messages
    assert digest.rcpt == [WEEKLY]
    subject = str(digest.message()["Subject"])
    assert subject == "济宁高新新闻｜每周摘要 3月21日—3月27日"
    text, _ = bodies(digest.message())
    assert "3月25日 星期五" in text and "第1版" in text and "第3版" in text
    assert text.index("第1版") < text.index("抓细抓实防疫工作") < text.index("第2版")  # moved

    smtpd.messages.clear()
    run("send", WEEK, "--channel", "digest")
    run("send", KEY, "--channel", "email")
    assert smtpd.messages == []
