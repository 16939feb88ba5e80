"""The 公众号 digest: render, limits check, cover, API client, draft push, commands."""
