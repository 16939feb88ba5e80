"""``syndicate web-config nginx|caddy``: a front server's config that serves the public dir the
way ``syndicate serve`` does and hands everything else to the app.

Both configs serve the files with the media types and cache lifetimes of
``syndicate.feeds.media``, send the ``.br``/``.gz`` files publishing writes beside each text
file (no compression per request), answer with the server's own strong ``ETag`` and the
file's mtime as ``Last-Modified`` (publishing sets it to the content's time), redirect a
directory to its path with a slash on this host (never to another: ``absolute_redirect off``,
slashes merged), refuse hidden names (temp files), and proxy to the app every request that is
not a file: the subscribe, confirm and unsubscribe pages, the admin, and any route added later.

Pure: text in, text out (``syndicate.cli`` finds the nginx brotli module).
"""

from __future__ import annotations

from dataclasses import dataclass

from syndicate.feeds.media import (
    ARCHIVE_MARK,
    DEFAULT_TYPE,
    FEED_SUFFIXES,
    FEEDS_MARK,
    MAX_AGE,
    PLAIN_JSON,
    TYPES,
)

#: Where Debian's libnginx-mod-http-brotli-static puts the module ``brotli_static`` needs.
NGINX_BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"


@dataclass(frozen=True)
class Front:
    """What a front server needs: the public dir, the app's address, where to listen."""

    public_dir: str
    upstream: str  # HOST:PORT of `syndicate serve` / `syndicate run`
    listen: str = "80"
    server_name: str = "_"


def _bare(media: str) -> str:
    return media.split(";")[0]


def _charset_types() -> str:
    # text/html is always in the list (nginx warns when it is named)
    named = {_bare(t) for t in TYPES.values() if "charset=" in t} - {"text/html"}
    return " ".join(sorted(named))


def _regex(suffixes: tuple[str, ...]) -> str:
    return "\\.(" + "|".join(s.lstrip(".") for s in suffixes) + ")$"


def nginx(front: Front, *, brotli: bool) -> str:
    """A ``server { }`` block for nginx's ``http`` context (e.g. sites-enabled/syndicate)."""
    types = "\n".join(
        f"        {_bare(t)} {ext.lstrip('.')};" for ext, t in TYPES.items() if ext != ".json"
    )
    brotli_line = (
        "    brotli_static on;  # libnginx-mod-http-brotli-static (found on this machine)"
        if brotli
        else "    # brotli_static on;  # needs libnginx-mod-http-brotli-static (not found here):"
        "\n    # without it nginx sends gzip or identity, and the .br files go unused."
    )
    static = "try_files $uri $uri/ @app;"
    headers = 'add_header X-Content-Type-Options "nosniff";'
    json_feed = TYPES[".json"]

    def location(match: str, kind: str, extra: str = "") -> str:
        cache = f'add_header Cache-Control "public, max-age={MAX_AGE[kind]}";'
        body = f"{extra}        {static}\n        {cache}\n        {headers}\n"
        return f"    location {match} {{\n{body}    }}"

    feed_json = f"        types {{ {_bare(json_feed)} json; }}\n"
    locations = "\n".join(
        [
            location(f"~ {ARCHIVE_MARK}.*\\.json$", "archive", feed_json),
            location(f"~ {ARCHIVE_MARK}", "archive"),
            location(f"~ {FEEDS_MARK}.*\\.json$", "feed", feed_json),
            location(f"~ {_regex(FEED_SUFFIXES)}", "feed"),
            location("/", "page"),
        ]
    )
    return f"""# syndicate web-config nginx: serves {front.public_dir} as `syndicate serve` does and
# proxies every request that is not a file to the app at {front.upstream}.
# Put it in nginx's http block (e.g. /etc/nginx/sites-enabled/syndicate) and reload.
server {{
    listen {front.listen};
    server_name {front.server_name};
    root {front.public_dir};
    index index.html;
    server_tokens off;
    absolute_redirect off;  # a directory's redirect stays on this host: Location: /jngx/
    merge_slashes on;

    types {{
{types}
        {PLAIN_JSON} json;
    }}
    default_type {DEFAULT_TYPE};
    charset utf-8;
    charset_types {_charset_types()};

    # The .gz and .br files publishing writes beside each text file; nothing is compressed
    # per request.
    gzip off;
    gzip_static on;
    gzip_vary on;
{brotli_line}
    etag on;

    # Hidden names (temp files being written) are never served.
    location ~ /\\. {{
        return 404;
    }}
{locations}
    location @app {{
        proxy_pass http://{front.upstream};
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
    }}
}}
"""


def caddy(front: Front) -> str:
    """A Caddyfile site block (Caddy 2.4+: ``file_server { precompressed }``)."""
    host, _, port = front.listen.rpartition(":")
    name = "" if front.server_name == "_" else front.server_name
    if port in ("80", "443") and name and not host:
        address, bind = name, ""  # Caddy's automatic HTTPS for the name
    else:
        address, bind = f"http://{name}:{port}", f"\tbind {host}\n" if host else ""
    feeds = " ".join(f"*{s}" for s in FEED_SUFFIXES)
    types = "\n".join(
        f'\t\theader @type{i} Content-Type "{t}"'
        for i, (ext, t) in enumerate(sorted(TYPES.items()))
        if ext != ".json"
    )
    matchers = "\n".join(
        f"\t@type{i} path *{ext}"
        for i, (ext, _) in enumerate(sorted(TYPES.items()))
        if ext != ".json"
    )
    return f"""# syndicate web-config caddy: serves {front.public_dir} as `syndicate serve` does and
# proxies every request that is not a file to the app at {front.upstream}.
{address} {{
{bind}\troot * {front.public_dir}
\t@hidden path */.*
\t@file file {{
\t\ttry_files {{path}} {{path}}/index.html
\t}}
\t@archive path *{ARCHIVE_MARK}*
\t@feed {{
\t\tpath {feeds}
\t\tnot path *{ARCHIVE_MARK}*
\t}}
\t@page {{
\t\tnot path {feeds}
\t\tnot path *{ARCHIVE_MARK}*
\t}}
\t@feedjson path_regexp {FEEDS_MARK}.*\\.json$
\t@plainjson {{
\t\tpath *.json
\t\tnot path *{FEEDS_MARK}*
\t}}
{matchers}
\thandle @hidden {{
\t\trespond 404
\t}}
\thandle @file {{
\t\theader X-Content-Type-Options nosniff
\t\theader @archive Cache-Control "public, max-age={MAX_AGE["archive"]}"
\t\theader @feed Cache-Control "public, max-age={MAX_AGE["feed"]}"
\t\theader @page Cache-Control "public, max-age={MAX_AGE["page"]}"
{types}
\t\theader @feedjson Content-Type "{TYPES[".json"]}"
\t\theader @plainjson Content-Type "{PLAIN_JSON}"
\t\tfile_server {{
\t\t\tprecompressed br gzip
\t\t}}
\t}}
\thandle {{
\t\treverse_proxy {front.upstream}
\t}}
}}
"""
