"""The ASGI app: the public dir, the channels' pages, admin, request limits."""
