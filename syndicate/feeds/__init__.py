"""Atom feeds and the web edition: pure renderers, publishing, the public dir, WebSub."""
