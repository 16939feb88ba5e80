"""Settings: config/syndicate.toml plus SYNDICATE_* environment overrides, validated.

Pure given (text, environ): ``load_settings`` does no I/O; ``read_settings`` in the CLI reads
the file. An unknown key, a value of the wrong type or a missing secret is a ``ConfigError``
that names the key, e.g. ``Config 'smtp.port' has value 'abc'. Not a valid int.``
Secrets (SMTP password, secret key, WeChat secret) come only from the environment (or a
``*_FILE`` the edge reads, ``secret_files.py``); a password in any URL of the file is refused.
"""

from __future__ import annotations

import ipaddress
import json
import re
import tomllib
import types
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields, replace
from datetime import time
from pathlib import Path
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from syndicate.errors import ConfigError
from syndicate.service.plan import parse_quiet

#: A paper slug: lowercase words of a-z and 0-9 joined by single hyphens, at most 40 long.
SLUG = re.compile(r"^(?=.{1,40}$)[a-z0-9]+(?:-[a-z0-9]+)*$")
#: First URL segments the service itself answers: a paper slug must not shadow them.
RESERVED_SLUGS = frozenset(
    {"admin", "u", "confirm", "static", "healthz", "readyz", "metrics", "search"}
)


@dataclass(frozen=True)
class ScheduleConfig:
    """When each channel runs for a paper (crontab expressions as Vixie cron reads them, in
    the paper's local time)."""

    atom: str = "on-ingest"
    wechat: str = "30 6 * * *"
    email: str = "0 7 * * 1-5"
    #: The weekly digest (issue 14) for ``weekly`` readers; the day and time are the
    #: defaults a reader may override. Default: Monday 07:00.
    digest: str = "0 7 * * 1"


#: Approval modes per channel: send without asking, ask when the parse has doubts, always ask.
APPROVE_MODES = ("auto", "doubts", "always")


@dataclass(frozen=True)
class ApproveConfig:
    """Which issues wait for an editor before a mass send, per channel (``[papers.approve]``):
    ``auto`` (none), ``doubts`` (those whose parse carries doubts) or ``always`` (every one).
    Feeds and the web edition never wait."""

    email: str = "doubts"
    wechat: str = "doubts"


@dataclass(frozen=True)
class PaperConfig:
    """One paper syndicate publishes."""

    slug: str
    name: str
    language: str = "zh-CN"
    timezone: str = "Asia/Shanghai"
    #: Local time the paper is published on its issue date; feed ``published`` uses it.
    publish_time: time = time(6, 0)
    #: Domain and date for tag: URIs (RFC 4151); set once, never change.
    tag_authority: str = "syndicate.invalid,2022"
    #: HTTP sources polled for new issues (the inbox is always watched).
    urls: tuple[str, ...] = ()
    #: Seconds between polls of each URL.
    poll_seconds: int = 300
    #: When each channel runs: ``on-ingest``, ``off``, or a cron expression in ``timezone``.
    schedules: ScheduleConfig = field(default_factory=ScheduleConfig)
    #: Which issues wait for an editor's approval before each channel sends them.
    approve: ApproveConfig = field(default_factory=ApproveConfig)
    #: Never send an issue published longer ago than this many hours.
    stale_hours: int = 48
    #: Local ``HH:MM-HH:MM`` in which nothing is sent (may wrap midnight); empty: none.
    quiet_hours: str = ""
    #: After downtime send only the newest due issue (``latest``) or every due one (``all``).
    catch_up: str = "latest"
    #: The WeChat cover (封面) of this paper's articles: a JPEG of at most 64 KB; empty: the
    #: shipped default.
    wechat_cover: str = ""
    #: 繁體 editions published beside the paper's own (OpenCC, ``syndicate.script``):
    #: ``hant-tw`` and/or ``hant-hk``, each under ``/{slug}/{variant}/``; empty: none.
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    """Everything a deployment can set. Paths are relative to the working directory."""

    data_dir: Path = Path("var")
    #: SQLAlchemy URL; default: SQLite at ``{data_dir}/syndicate.db``.
    database: str = ""
    base_url: str = "http://127.0.0.1:8080"
    listen: str = "127.0.0.1:8080"
    secret_key: str = ""
    #: Password of the admin page (HTTP Basic, any user); environment only.
    admin_token: str = ""
    #: Bearer token a Prometheus scraper may use for ``/metrics`` (besides the admin token);
    #: environment only.
    metrics_token: str = ""
    #: Addresses or networks of the reverse proxies (nginx) whose ``X-Forwarded-For``,
    #: ``-Proto`` and ``-Host`` the admin desk trusts; empty: none (headers ignored).
    trusted_proxies: tuple[str, ...] = ()
    #: ``smtp://``, ``smtp+starttls://``, ``smtps://`` or ``maildir:PATH``; default: the outbox.
    smtp: str = ""
    wechat_api_base: str = "https://api.weixin.qq.com"
    wechat_appid: str = ""
    wechat_secret: str = ""
    #: Full stories sent after the WeChat overview article (0–7; 0: a single article).
    wechat_full_articles: int = 0
    #: Also freepublish/submit each new draft (needs a verified account; off: drafts only).
    wechat_publish: bool = False
    #: What a lease-expired (crashed) delivery becomes: ``resend`` or ``hold``.
    unknown_policy: str = "resend"
    #: How ``syndicate run`` sees new inbox files: ``events`` (file-system events, polling
    #: where they are unavailable) or ``poll``.
    inbox_watch: str = "events"
    #: Seconds a file written in place must stay unchanged before it is taken (a file
    #: renamed into the inbox is taken at once).
    inbox_settle_seconds: float = 1.0
    #: Non-public networks (CIDR) that source URLs may reach; by default none (SSRF guard).
    source_allow_networks: tuple[str, ...] = ()
    #: Largest issue file a source may return, in bytes.
    source_max_bytes: int = 20_971_520
    #: Seconds before a source request times out.
    source_timeout: float = 30.0
    #: WebSub hubs (W3C) announced in every feed and pinged when a feed changes.
    websub_hubs: tuple[str, ...] = ()
    #: Seconds to wait for each hub's answer to a ping (the worker sends them in the background).
    websub_timeout: float = 10.0
    #: Entries in each subscription feed (the paper feed, issues, page/column/reporter feeds).
    feed_window: int = 50
    #: Size budget of each feed document, in bytes; a feed over it shrinks its window.
    feed_max_bytes: int = 1_048_576
    #: A directory of templates overriding templates/web/ (same file names); empty: none.
    web_templates: str = ""
    #: The newsletter's From address (a mailbox on your domain; SPF/DKIM must cover it).
    email_from: str = "newsletter@syndicate.invalid"
    #: Display name in From; empty: the paper's name.
    email_from_name: str = ""
    #: List-Id (RFC 2919) is ``{slug}.{email_list_domain}``; empty: the From domain.
    email_list_domain: str = ""
    #: Address of the mailto: List-Unsubscribe; empty: ``unsubscribe@`` the From domain.
    email_unsubscribe_mailto: str = ""
    #: Whole articles in the newsletter instead of ~120-character leads.
    email_full_text: bool = False
    #: Optional cap in messages per second, shared by every worker on the database; 0: none
    #: (the SMTP pool adapts to what the relay accepts).
    email_rate: float = 0.0
    #: Senders at work at once, each with up to 4 messages in a row on one of the pool's
    #: connections (``sender.IN_A_ROW``).
    email_concurrency: int = 32
    #: Most persistent SMTP connections to the relay; how many are used follows its replies.
    email_pool_size: int = 16
    #: Ledger rows claimed per batch.
    email_batch: int = 500
    #: Most processes sending one issue (one per ``ROWS_PER_PROCESS`` due rows); 0: one per
    #: CPU core (``newsletter/fanout.py``). 1 by default: on the 2-core bench machine a second
    #: process sharing the ledger cost more CPU per message than it added (docs/benchmarks.md).
    email_processes: int = 1
    #: First retry after a 4xx or dropped connection (doubles per attempt, to 8x).
    email_retry_seconds: int = 1800
    #: Give up (failed) on a row still deferred after this many hours (RFC 5321: 4-5 days).
    email_retry_max_hours: int = 120
    #: Seconds to wait for each SMTP command reply (RFC 5321 section 4.5.3.2: 5 minutes).
    email_timeout: float = 300.0
    #: Seconds to wait for the reply after DATA's final "." (RFC 5321: 10 minutes).
    email_data_timeout: float = 600.0
    #: DKIM private key (PEM file); empty: no DKIM signature (let the relay sign).
    email_dkim_key: str = ""
    #: DKIM selector and signing domain (d=; empty: the From domain).
    email_dkim_selector: str = ""
    email_dkim_domain: str = ""
    #: A second DKIM key, Ed25519 (RFC 8463), signed beside the first, and its selector.
    email_dkim_ed25519_key: str = ""
    email_dkim_ed25519_selector: str = ""
    #: Hours a double opt-in confirmation link stays valid.
    email_confirm_hours: int = 72
    #: Days a preference-center link in a newsletter, digest or confirmation stays valid.
    email_prefs_link_days: int = 90
    #: Subscribe-form requests allowed per client IP per hour, and per address per day.
    subscribe_ip_per_hour: int = 20
    subscribe_address_per_day: int = 3
    #: Envelope sender base (``bounces@news.example.org``): each message's MAIL FROM becomes
    #: the VERP address ``bounces+TOKEN@…`` naming its delivery; empty: MAIL FROM is From.
    email_return_path: str = ""
    #: Where bounces, complaints and unsubscribe mail arrive: ``maildir:PATH``,
    #: ``imap(s)://user@host[:port][/FOLDER]``, ``pop3(s)://user@host[:port]``; empty: none.
    #: The password only from the environment (SYNDICATE_BOUNCE_PASSWORD, or the URL in
    #: SYNDICATE_BOUNCE_MAILBOX).
    bounce_mailbox: str = ""
    bounce_password: str = ""
    #: A separate mailbox for the List-Unsubscribe mailto (same forms); empty: bounce_mailbox.
    unsubscribe_mailbox: str = ""
    unsubscribe_password: str = ""
    #: Seconds between two reads of the mailboxes by the worker.
    bounce_poll_seconds: float = 300.0
    #: Soft bounces (4.x.x) of one address within bounce_soft_days that suppress it.
    bounce_soft_limit: int = 3
    bounce_soft_days: int = 14
    #: Relay webhooks (POST /webhooks/ses|mailgun|postmark|sendgrid). SES: the SNS topics
    #: accepted, and the pattern a SigningCertURL / SubscribeURL must match.
    ses_topic_arns: tuple[str, ...] = ()
    ses_cert_url: str = r"https://sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?/[^?#]*\.pem"
    ses_subscribe_url: str = (
        r"https://sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?/\?Action=ConfirmSubscription&[^#]*"
    )
    #: Mailgun's webhook signing key and Postmark's webhook password: environment only.
    mailgun_webhook_key: str = ""
    postmark_webhook_token: str = ""
    #: SendGrid's signed event webhook verification key (base64 DER, ECDSA P-256).
    sendgrid_webhook_key: str = ""
    #: A webhook timestamp further than this from now is refused as a replay.
    webhook_max_age_seconds: int = 300
    papers: tuple[PaperConfig, ...] = field(
        default=(PaperConfig(slug="jngx", name="济宁高新新闻"),)
    )

    @property
    def database_url(self) -> str:
        return self.database or f"sqlite:///{self.data_dir / 'syndicate.db'}"

    @property
    def inbox_dir(self) -> Path:
        return self.data_dir / "inbox"

    @property
    def public_dir(self) -> Path:
        return self.data_dir / "public"

    @property
    def outbox_dir(self) -> Path:
        return self.data_dir / "outbox"

    def paper(self, slug: str | None) -> PaperConfig:
        """The paper with this slug; the first paper when ``slug`` is None."""
        if slug is None:
            return self.papers[0]
        for p in self.papers:
            if p.slug == slug:
                return p
        known = ", ".join(p.slug for p in self.papers)
        raise ConfigError(
            f"paper '{slug}' is not configured (known: {known}); add it to [[papers]]"
        )


#: Environment variable -> Settings field. An environment value wins over the file.
ENV = {
    "SYNDICATE_DATA_DIR": "data_dir",
    "SYNDICATE_DATABASE": "database",
    "SYNDICATE_BASE_URL": "base_url",
    "SYNDICATE_LISTEN": "listen",
    "SYNDICATE_SMTP": "smtp",
    "SYNDICATE_SECRET_KEY": "secret_key",
    "SYNDICATE_ADMIN_TOKEN": "admin_token",
    "SYNDICATE_METRICS_TOKEN": "metrics_token",
    "SYNDICATE_WECHAT_API_BASE": "wechat_api_base",
    "SYNDICATE_WECHAT_APPID": "wechat_appid",
    "SYNDICATE_WECHAT_SECRET": "wechat_secret",
    "SYNDICATE_WECHAT_FULL_ARTICLES": "wechat_full_articles",
    "SYNDICATE_WECHAT_PUBLISH": "wechat_publish",
    "SYNDICATE_BOUNCE_MAILBOX": "bounce_mailbox",
    "SYNDICATE_BOUNCE_PASSWORD": "bounce_password",
    "SYNDICATE_UNSUBSCRIBE_MAILBOX": "unsubscribe_mailbox",
    "SYNDICATE_UNSUBSCRIBE_PASSWORD": "unsubscribe_password",
    "SYNDICATE_MAILGUN_WEBHOOK_KEY": "mailgun_webhook_key",
    "SYNDICATE_POSTMARK_WEBHOOK_TOKEN": "postmark_webhook_token",
    "SYNDICATE_SENDGRID_WEBHOOK_KEY": "sendgrid_webhook_key",
}
#: Keys that may only come from the environment, never from a file in the repository.
SECRETS = frozenset({"secret_key", "wechat_secret", "admin_token", "metrics_token",
                     "bounce_password", "unsubscribe_password", "mailgun_webhook_key",
                     "postmark_webhook_token"})  # fmt: skip
#: Variables that may also be read from a file named by ``NAME_FILE`` (container secrets).
FILE_VARS = (
    "SYNDICATE_SMTP",
    "SYNDICATE_DATABASE",
    "SYNDICATE_SECRET_KEY",
    "SYNDICATE_ADMIN_TOKEN",
    "SYNDICATE_WECHAT_SECRET",
    "SYNDICATE_METRICS_TOKEN",
    "SYNDICATE_BOUNCE_PASSWORD",
    "SYNDICATE_UNSUBSCRIBE_PASSWORD",
    "SYNDICATE_MAILGUN_WEBHOOK_KEY",
    "SYNDICATE_POSTMARK_WEBHOOK_TOKEN",
)

T = TypeVar("T")


def load_settings(text: str | None, environ: Mapping[str, str]) -> Settings:
    """Build Settings from TOML ``text`` (None: no file) and ``environ``."""
    try:
        raw: dict[str, Any] = tomllib.loads(text) if text else {}
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"config is not valid TOML: {e}") from e
    for key in SECRETS:
        if key in raw:
            env = next(k for k, v in ENV.items() if v == key)
            raise ConfigError(f"Config '{key}' must not be in the file; set {env} instead")
    _check_mailbox_secrets(raw)  # first: it names the password's own variable
    _refuse_url_passwords(raw)
    for env_key, name in ENV.items():
        if environ.get(env_key):
            raw[name] = environ[env_key]
    settings = _build(Settings, raw, "")
    _check(settings)
    return settings


def _file_urls(raw: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """(key, value) of every URL the file may hold."""
    keys = (
        "smtp",
        "database",
        "base_url",
        "wechat_api_base",
        "bounce_mailbox",
        "unsubscribe_mailbox",
    )
    found = [(k, raw.get(k)) for k in keys]
    hubs = raw.get("websub_hubs")
    found += [
        (f"websub_hubs[{i}]", v) for i, v in enumerate(hubs if isinstance(hubs, list) else [])
    ]
    papers = raw.get("papers")
    for i, p in enumerate(papers if isinstance(papers, list) else []):
        urls = p.get("urls") if isinstance(p, Mapping) else None
        found += [(f"papers[{i}].urls[{j}]", v) for j, v in enumerate(urls or [])]
    return found


def _refuse_url_passwords(raw: Mapping[str, Any]) -> None:
    """A password in a URL read from the file is refused: config files end up in
    repositories and backups. The environment (or a ``*_FILE`` secret) carries them."""
    for key, value in _file_urls(raw):
        if not isinstance(value, str):
            continue
        parts = urlsplit(value)
        query = {k.lower() for k, _ in parse_qsl(parts.query)}
        if parts.password is None and not query & {"password", "pass", "passwd"}:
            continue
        env = f"SYNDICATE_{key.upper()}"
        fix = (
            f"set {env} or {env}_FILE instead"
            if env in FILE_VARS
            else f"set {env} instead"
            if env in ENV
            else "a URL in the config file must not carry credentials"
        )
        raise ConfigError(f"Config '{key}' has a password in its URL; {fix}")


def _check(s: Settings) -> None:
    if s.inbox_watch not in ("events", "poll"):
        raise ConfigError(
            f"Config 'inbox_watch' has value '{s.inbox_watch}'. Not one of: events, poll."
        )
    if not 0 <= s.inbox_settle_seconds <= 3600:
        raise ConfigError(
            f"Config 'inbox_settle_seconds' has value '{s.inbox_settle_seconds}'. Not in 0..3600."
        )
    if s.unknown_policy not in ("resend", "hold"):
        raise ConfigError(
            f"Config 'unknown_policy' has value '{s.unknown_policy}'. Not one of: resend, hold."
        )
    if not 0 <= s.wechat_full_articles <= 7:
        raise ConfigError(
            f"Config 'wechat_full_articles' has value '{s.wechat_full_articles}'. "
            "Not in 0..7 (a message holds at most 8 articles)."
        )
    for i, net in enumerate(s.trusted_proxies):
        try:
            ipaddress.ip_network(net, strict=False)
        except ValueError as e:
            raise ConfigError(
                f"Config 'trusted_proxies[{i}]' has value '{net}'. Not an address or network."
            ) from e
    _check_feeds(s)
    _check_email(s)
    _check_bounces(s)
    if not s.papers:
        raise ConfigError("Config 'papers' is empty; configure at least one [[papers]] entry")
    seen: set[str] = set()
    for i, p in enumerate(s.papers):
        where = f"papers[{i}]"
        _check_slug(p.slug, where)
        if p.slug in seen:
            raise ConfigError(f"Config '{where}.slug' repeats '{p.slug}'; slugs must be unique")
        seen.add(p.slug)
        if p.catch_up not in ("latest", "all"):
            raise ConfigError(
                f"Config '{where}.catch_up' has value '{p.catch_up}'. Not one of: latest, all."
            )
        if p.stale_hours < 1 or p.poll_seconds < 10:
            key, v = (
                ("stale_hours", p.stale_hours)
                if p.stale_hours < 1
                else ("poll_seconds", p.poll_seconds)
            )
            raise ConfigError(f"Config '{where}.{key}' has value '{v}'. Too small.")
        parse_quiet(p.quiet_hours, f"{where}.quiet_hours")
        _check_variants(p.variants, f"{where}.variants")
        for f in fields(p.approve):
            if (mode := getattr(p.approve, f.name)) not in APPROVE_MODES:
                raise ConfigError(
                    f"Config '{where}.approve.{f.name}' has value '{mode}'. "
                    f"Not one of: {', '.join(APPROVE_MODES)}."
                )
        try:
            ZoneInfo(p.timezone)
        except (ZoneInfoNotFoundError, ValueError) as e:
            raise ConfigError(
                f"Config '{where}.timezone' has value '{p.timezone}'. Not a known IANA timezone."
            ) from e


def _check_variants(variants: tuple[str, ...], where: str) -> None:
    for i, v in enumerate(variants):
        if v not in ("hant-tw", "hant-hk") or v in variants[:i]:  # syndicate.script.TRADITIONAL
            raise ConfigError(
                f"Config '{where}[{i}]' has value '{v}'. Not one of: hant-tw, hant-hk "
                "(each at most once)."
            )


def _check_slug(slug: str, where: str) -> None:
    if not SLUG.fullmatch(slug):
        raise ConfigError(
            f"Config '{where}.slug' has value '{slug}'. Not a lowercase URL-safe word "
            "(a-z, 0-9, single hyphens inside, at most 40)."
        )
    if slug in RESERVED_SLUGS:
        raise ConfigError(
            f"Config '{where}.slug' has value '{slug}'. It is a route of the service "
            f"(reserved: {', '.join(sorted(RESERVED_SLUGS))}); choose another slug."
        )


def _check_feeds(s: Settings) -> None:
    for i, hub in enumerate(s.websub_hubs):
        if not re.match(r"^https?://[^/\s]+", hub):
            raise ConfigError(
                f"Config 'websub_hubs[{i}]' has value '{hub}'. Not a valid http(s) URL."
            )
    if s.websub_timeout <= 0:
        raise ConfigError(
            f"Config 'websub_timeout' has value '{s.websub_timeout}'. Not a positive number."
        )
    if s.feed_window < 1:
        raise ConfigError(f"Config 'feed_window' has value '{s.feed_window}'. Not at least 1.")
    if s.feed_max_bytes < 65_536:
        raise ConfigError(
            f"Config 'feed_max_bytes' has value '{s.feed_max_bytes}'. Not at least 65536."
        )


def _check_email(s: Settings) -> None:
    for key in ("email_from", "email_unsubscribe_mailto"):
        value = getattr(s, key)
        if value and not re.fullmatch(r"[^@\s<>\x00-\x1f\x7f]+@[A-Za-z0-9.-]+", value):
            raise ConfigError(f"Config '{key}' has value '{value}'. Not a plain address.")
    positive = ("email_concurrency", "email_pool_size", "email_batch", "email_timeout",
                "email_data_timeout", "email_retry_seconds", "email_confirm_hours",
                "email_prefs_link_days")  # fmt: skip
    for key in positive:
        if getattr(s, key) <= 0:
            raise ConfigError(f"Config '{key}' has value '{getattr(s, key)}'. Not above 0.")
    if s.email_processes < 0:
        raise ConfigError(
            f"Config 'email_processes' has value '{s.email_processes}'. Use 0 (one per core) "
            "or more."
        )
    if s.email_rate < 0:
        raise ConfigError(f"Config 'email_rate' has value '{s.email_rate}'. Not 0 or more.")
    if s.email_dkim_key and not s.email_dkim_selector:
        raise ConfigError("Config 'email_dkim_selector' is required with 'email_dkim_key'")
    if s.email_dkim_ed25519_key and not s.email_dkim_ed25519_selector:
        raise ConfigError(
            "Config 'email_dkim_ed25519_selector' is required with 'email_dkim_ed25519_key'"
        )


def _check_mailbox_secrets(raw: Mapping[str, Any]) -> None:
    """A mailbox URL in the file may name a user, never a password."""
    for key in ("bounce_mailbox", "unsubscribe_mailbox"):
        value = raw.get(key)
        if isinstance(value, str) and re.match(r"^[a-z0-9]+://[^/@]*:[^/@]*@", value):
            env = "SYNDICATE_" + key.split("_")[0].upper() + "_PASSWORD"
            raise ConfigError(
                f"Config '{key}' carries a password; keep it out of the file and set {env}"
            )


def _check_bounces(s: Settings) -> None:
    if s.email_return_path and not re.fullmatch(r"[A-Za-z0-9._-]+@[A-Za-z0-9.-]+",
                                                s.email_return_path):  # fmt: skip
        raise ConfigError(
            f"Config 'email_return_path' has value '{s.email_return_path}'. "
            "Not a plain address without '+' (e.g. bounces@news.example.org)."
        )
    for key in ("bounce_mailbox", "unsubscribe_mailbox"):
        value = getattr(s, key)
        if value and not re.match(r"^(maildir:|imaps?://|pop3s?://)", value):
            raise ConfigError(
                f"Config '{key}' has value '{redact_url(value)}'. "
                "Not maildir:PATH, imap(s)://… or pop3(s)://…."
            )
    for key in ("bounce_poll_seconds", "bounce_soft_limit", "bounce_soft_days"):
        if getattr(s, key) <= 0:
            raise ConfigError(f"Config '{key}' has value '{getattr(s, key)}'. Not above 0.")


def with_overrides(settings: Settings, **changes: Any) -> Settings:
    """A copy of ``settings`` with fields changed (for tests and CLI flags)."""
    return replace(settings, **changes)


def _build(cls: type[T], raw: Mapping[str, Any], prefix: str) -> T:
    if not isinstance(raw, Mapping):
        raise ConfigError(f"Config '{prefix.rstrip('.')}' must be a table")
    hints = get_type_hints(cls)
    known = {f.name: f for f in fields(cls)}  # type: ignore[arg-type]
    for key in raw:
        if key not in known:
            raise ConfigError(f"Config '{prefix}{key}' is not a known setting; check the spelling")
    kwargs: dict[str, Any] = {}
    for name, f in known.items():
        if name in raw:
            kwargs[name] = _coerce(hints[name], raw[name], f"{prefix}{name}")
        elif f.default is MISSING and f.default_factory is MISSING:
            raise ConfigError(f"Config '{prefix}{name}' is required")
    return cls(**kwargs)


def _coerce(tp: Any, value: Any, key: str) -> Any:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        return None if value is None else _coerce(args[0], value, key)
    if origin is tuple:
        if not isinstance(value, list):
            raise ConfigError(f"Config '{key}' has value '{value}'. Not a valid list.")
        item = get_args(tp)[0]
        return tuple(_coerce(item, v, f"{key}[{i}]") for i, v in enumerate(value))
    if hasattr(tp, "__dataclass_fields__"):
        return _build(tp, value, f"{key}.")
    return _scalar(tp, value, key)


def _scalar(tp: Any, value: Any, key: str) -> Any:
    def bad() -> ConfigError:
        return ConfigError(f"Config '{key}' has value '{value}'. Not a valid {tp.__name__}.")

    if tp is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false", "1", "0"):
            return value.lower() in ("true", "1")
        raise bad()
    if tp in (int, float):
        if isinstance(value, bool):
            raise bad()
        try:
            return tp(value)
        except (TypeError, ValueError) as e:
            raise bad() from e
    if tp is time:
        if isinstance(value, time):
            return value
        m = re.fullmatch(r"(\d{1,2}):(\d{2})", str(value))
        if not m or int(m[1]) > 23 or int(m[2]) > 59:
            raise bad()
        return time(int(m[1]), int(m[2]))
    if tp is Path:
        if not isinstance(value, str) or not value:
            raise bad()
        return Path(value)
    if tp is str:
        if not isinstance(value, str):
            raise bad()
        return value
    raise bad()  # pragma: no cover - a Settings field of an unsupported type


def redact_url(url: str) -> str:
    """``scheme://user:secret@host`` -> ``scheme://user:***@host``."""
    return re.sub(r"(//[^/:@]*:)[^@/]*@", r"\1***@", url)


def describe(settings: Settings, cwd: Path) -> list[str]:
    """The effective settings as TOML (``key = value``), as the service will use them:
    paths made absolute against ``cwd``, the database and mail transport the defaults resolve
    to, times as ``06:00``; secrets and URL passwords redacted."""
    data_dir = cwd / settings.data_dir
    effective = {
        "data_dir": data_dir,
        "database": settings.database or f"sqlite:///{data_dir / 'syndicate.db'}",
        "smtp": settings.smtp or f"maildir:{data_dir / 'outbox'}",
    }
    lines: list[str] = []
    for f in fields(settings):
        if f.name == "papers":
            continue
        value = effective.get(f.name, getattr(settings, f.name))
        if f.name in SECRETS:
            lines.append(f"{f.name} = {'(set)' if value else '(unset)'}")
        else:
            lines.append(f"{f.name} = {toml_value(value)}")
    for p in settings.papers:
        lines += ["", "[[papers]]"]
        lines += [f"{f.name} = {toml_value(getattr(p, f.name))}" for f in fields(p)
                  if f.name not in ("schedules", "approve")]  # fmt: skip
        lines.append("[papers.schedules]")
        lines += [f"{f.name} = {toml_value(getattr(p.schedules, f.name))}"
                  for f in fields(p.schedules)]  # fmt: skip
        lines.append("[papers.approve]")
        lines += [f"{f.name} = {toml_value(getattr(p.approve, f.name))}" for f in fields(p.approve)]
    return lines


def toml_value(value: Any) -> str:
    """``value`` as TOML: strings quoted (passwords in URLs redacted), times ``"06:00"``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, time):
        return json.dumps(value.strftime("%H:%M"))
    if isinstance(value, tuple | list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(redact_url(str(value)), ensure_ascii=False)
