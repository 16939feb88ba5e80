"""Paper slugs that cannot collide (issue 16, item 8): a slug is the first segment of every
URL of the paper, so one equal to a route of the service (`/admin/`, `/u/TOKEN`, …) or not
a lowercase URL-safe word is refused when the config is read (and so by `config check`)."""

from __future__ import annotations

import pytest

from syndicate.config import RESERVED_SLUGS, load_settings
from syndicate.errors import ConfigError


def paper(slug: str) -> str:
    return f"[[papers]]\nslug = '{slug}'\nname = '济宁高新新闻'\n"


@pytest.mark.parametrize(
    "slug", ["admin", "u", "confirm", "static", "healthz", "metrics", "search"]
)
def test_a_slug_equal_to_a_route_is_refused(slug: str) -> None:
    with pytest.raises(ConfigError) as e:
        load_settings(paper(slug), {})
    assert str(e.value) == (
        f"Config 'papers[0].slug' has value '{slug}'. It is a route of the service "
        f"(reserved: {', '.join(sorted(RESERVED_SLUGS))}); choose another slug."
    )


@pytest.mark.parametrize(
    "slug",
    [
        "JNGX",
        "jn gx",
        "jngx-",
        "jn--gx",
        "-jngx",
        "jn_gx",
        "jn.gx",
        "济宁",
        "jn%2Fgx",
        "",
        "a" * 41,
    ],
)
def test_a_slug_that_is_not_a_lowercase_url_safe_word_is_refused(slug: str) -> None:
    with pytest.raises(ConfigError, match=r"Not a lowercase URL-safe word"):
        load_settings(paper(slug), {})


@pytest.mark.parametrize("slug", ["jngx", "rmrb", "dskb-2", "a", "hz-daily", "a" * 40])
def test_ordinary_slugs_pass(slug: str) -> None:
    assert load_settings(paper(slug), {}).papers[0].slug == slug
