"""syndicate: newspaper syndication from e-paper text to feeds, WeChat digests and newsletters."""

__version__ = "0.1.0"
