"""What ships beside the code: templates, the sample issue, the default cover, and a paper's
own cover checked as WeChat checks it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import jinja2
import pytest

from syndicate import assets
from syndicate.config import Settings, load_settings
from syndicate.errors import ConfigError
from syndicate.wechat.cover import cover_key, paper_cover


def test_every_template_kind_loads_from_the_shipped_folder() -> None:
    for kind, name in [("web", "issue.html"), ("email", "issue.html"), ("wechat", "story.html"),
                       ("subscribe", "page.html"), ("admin", "issues.html")]:  # fmt: skip
        template = assets.environment(kind).get_template(name)
        assert template.filename and Path(template.filename).is_file()


def test_the_sample_issue_and_the_default_cover_ship() -> None:
    assert "济宁高新新闻" in assets.sample_issue().decode("utf-8")
    cover = assets.default_cover()
    assert cover.startswith(b"\xff\xd8\xff") and len(cover) <= assets.COVER_MAX_BYTES


def settings_with_cover(tmp_path: Path, cover: str) -> Settings:
    s = load_settings(None, {"SYNDICATE_DATA_DIR": str(tmp_path)})
    return replace(s, papers=(replace(s.papers[0], wechat_cover=cover),))


def test_a_paper_may_have_its_own_cover(tmp_path: Path) -> None:
    own = tmp_path / "cover.jpg"
    own.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 1000 + b"\xff\xd9")
    settings = settings_with_cover(tmp_path, str(own))
    assert paper_cover(settings, "jngx") == own.read_bytes()
    default = settings_with_cover(tmp_path, "")
    assert paper_cover(default, "jngx") == assets.default_cover()
    # each cover file is its own upload (its media_id is cached under its hash)
    assert cover_key("wx1", own.read_bytes()) != cover_key("wx1", assets.default_cover())


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "is not a JPEG"),
        (b"\xff\xd8\xff\xe0" + b"\0" * (64 * 1024), "WeChat's limit for a cover is 65,536"),
    ],
)
def test_a_bad_cover_is_one_line_naming_the_file(tmp_path: Path, body: bytes, why: str) -> None:
    bad = tmp_path / "bad.img"
    bad.write_bytes(body)
    with pytest.raises(ConfigError) as e:
        paper_cover(settings_with_cover(tmp_path, str(bad)), "jngx")
    assert str(bad) in str(e.value) and why in str(e.value) and "\n" not in str(e.value)
    with pytest.raises(ConfigError, match="cannot read"):
        paper_cover(settings_with_cover(tmp_path, str(tmp_path / "missing.jpg")), "jngx")


def test_template_errors_name_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "x.html").write_text("line one\n{% if %}\n")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)))
    with pytest.raises(ConfigError) as e, assets.template_errors("web_templates"):
        env.get_template("x.html")
    assert f"{tmp_path / 'x.html'}:2" in str(e.value) and "web_templates" in str(e.value)
