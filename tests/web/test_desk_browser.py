"""The editor's desk in a real browser (issue 17): Playwright drives the system's Chromium
(the Debian package's executable; no browser download) against ``syndicate serve`` on
127.0.0.1 port 0. An editor logs in, approves an issue (after its confirmation), pauses a
schedule and finds a subscriber; every form refuses a missing or foreign CSRF token and
every page refuses an anonymous visitor."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from syndicate.cli import main
from syndicate.web.admin import FORMS, PAGES
from tests.browser_support import chromium
from tests.conftest import SEED
from tests.feeds.test_feeds_e2e import serve

KEY = "jngx/2022-03-25"
TOKEN = "desk-token-for-the-browser"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A project (email always approved first), the seed ingested, three confirmed readers,
    and ``syndicate serve`` on a free port: its base URL (one for the module's tests)."""
    tmp_path = tmp_path_factory.mktemp("desk")
    config = tmp_path / "syndicate.toml"
    config.write_text(
        f'data_dir = "{tmp_path / "var"}"\n[[papers]]\nslug = "jngx"\nname = "济宁高新新闻"\n'
        '[papers.approve]\nemail = "always"\n',
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("SYNDICATE_")}
    env |= {"SYNDICATE_CONFIG": str(config), "SYNDICATE_ADMIN_TOKEN": TOKEN,
            "SYNDICATE_SECRET_KEY": "k" * 32}  # fmt: skip
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.chdir(tmp_path)
        for name in list(os.environ):
            if name.startswith("SYNDICATE_"):
                monkeypatch.delenv(name)
        for name, value in env.items():
            if name.startswith("SYNDICATE_"):
                monkeypatch.setenv(name, value)
        assert main(["ingest", str(SEED)]) == 0
        for n in range(3):
            assert main(["subscribers", "add", f"reader{n}@example.com", "--confirmed"]) == 0
    with serve(env) as server:
        yield server.base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        yield b
        b.close()


def log_in(browser: Browser, base: str, user: str) -> Page:
    page = browser.new_context(locale="zh-CN").new_page()
    page.goto(f"{base}/admin/")
    expect(page.get_by_role("heading", name="编辑台登录")).to_be_visible()
    page.get_by_label("用户名").fill(user)
    page.get_by_label("密码").fill(TOKEN)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="期次")).to_be_visible()
    return page


def test_an_editor_approves_pauses_and_finds_a_subscriber(browser: Browser, site: str) -> None:
    page = log_in(browser, site, "王编辑")
    page.get_by_role("link", name="2022-03-25").click()
    expect(page.get_by_role("heading", name=re.compile("济宁高新新闻"))).to_be_visible()
    expect(page.locator(".awaiting").first).to_have_text("待审批")
    page.get_by_role("button", name="批准发送 邮件简报").click()
    expect(page.get_by_role("alert")).to_contain_text("将向 3 位订户发送《济宁高新新闻》")
    page.get_by_role("button", name="确认批准").click()
    expect(page.get_by_role("status")).to_contain_text("邮件简报：已批准")
    expect(page.locator("td", has_text="王编辑")).to_be_visible()

    page.get_by_role("link", name="计划").click()
    page.get_by_role("button", name="暂停 jngx 邮件简报").click()
    expect(page.get_by_role("status")).to_contain_text("已暂停")
    expect(page.get_by_role("button", name="恢复 jngx 邮件简报")).to_be_visible()

    page.get_by_role("link", name="订户").click()
    page.get_by_label("搜索").fill("reader1")
    page.get_by_role("button", name="搜索").click()
    expect(page.locator("td", has_text="reader1@example.com")).to_be_visible()
    expect(page.locator("td", has_text="reader2@example.com")).to_have_count(0)

    page.get_by_role("button", name="退出").click()
    expect(page.get_by_role("heading", name="编辑台登录")).to_be_visible()


def test_every_form_refuses_a_missing_or_foreign_token_and_every_page_an_anonymous_visitor(
    browser: Browser, site: str
) -> None:
    mine, theirs = log_in(browser, site, "王编辑"), log_in(browser, site, "李编辑")
    foreign = theirs.locator('input[name="csrf"]').first.get_attribute("value")
    assert foreign
    form = {"issue": KEY, "channel": "wechat", "paper": "jngx", "do": "pause", "confirm": "yes"}
    for path in FORMS:
        for token in ({}, {"csrf": foreign}):
            r = mine.request.post(f"{site}{path}", form={**form, **token})
            assert r.status == 403 and "表单已失效" in r.text(), (path, token)
    mine.goto(f"{site}/admin/schedules")
    expect(mine.get_by_role("button", name="暂停 jngx 微信公众号")).to_be_visible()
    mine.goto(f"{site}/admin/issue/{KEY}")
    expect(mine.locator(".held")).to_have_count(0)  # nothing was held or paused

    anonymous = browser.new_context().new_page()
    for path in (*PAGES, f"/admin/issue/{KEY}"):
        anonymous.goto(f"{site}{path}")
        assert anonymous.url.startswith(f"{site}/admin/login"), path
        expect(anonymous.get_by_role("heading", name="编辑台登录")).to_be_visible()
