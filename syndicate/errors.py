"""One exception tree for syndicate.

    SyndicateError
    ├── ConfigError        a bad config file or environment value; names the key
    ├── ParseError         input that cannot become an issue at all (empty, binary, no date)
    ├── StoreError         the database refused or is out of date
    ├── SourceError        a source URL could not or must not be fetched
    └── DeliveryError      a send failed; ``permanent`` says whether retrying can help
        └── WeChatError    carries WeChat's errcode and errmsg

Every message is one line a person can act on: what went wrong and the fix.
"""

from __future__ import annotations


class SyndicateError(Exception):
    """Base of every error syndicate raises on purpose."""


class ConfigError(SyndicateError):
    """The configuration is invalid; the message names the key."""


class ParseError(SyndicateError):
    """The input cannot be parsed into an issue."""


class StoreError(SyndicateError):
    """The store cannot do what was asked."""


class SourceError(SyndicateError):
    """A source URL could not (or must not) be fetched."""


class DeliveryError(SyndicateError):
    """A delivery failed. ``permanent`` failures are not retried."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class WeChatError(DeliveryError):
    """An error answer from the WeChat API (see reference/wechat.md for the codes)."""

    def __init__(self, message: str, *, errcode: int, errmsg: str, permanent: bool = False) -> None:
        super().__init__(message, permanent=permanent)
        self.errcode = errcode
        self.errmsg = errmsg
