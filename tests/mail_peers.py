"""Real mail servers for the bounce tests: a private Postfix relay and an unprivileged Dovecot.

- ``Postfix``: its own config_directory, queue and data dirs, one smtpd on 127.0.0.1 at a free
  port, ``mydestination = relay.example.com`` with every local recipient accepted
  (``local_recipient_maps =``), so mail to an unknown user there is taken with 250 and then
  bounced by the ``local`` agent: a real DSN (RFC 3464) to the envelope sender. Mail for
  ``bounces.example.org`` (our return path, the unsubscribe mailto and the feedback loop address)
  is delivered by the ``virtual`` agent into the Maildir ``mail/box/``, ``recipient_delimiter
  = +`` folding every VERP and ``unsubscribe+TOKEN`` address into it;
  ``readerN@readers.example.net`` (N = 2, 3, 4) each have a Maildir ``mail/readerN/``. The master
  must start as root (Postfix drops to ``mail_owner`` itself); the tests run as root.
- ``Dovecot``: started as ``nobody`` (setpriv), every service and the mail user ``nobody``
  too, serving IMAP and POP3 on free ports on 127.0.0.1 from a Maildir, with one
  passwd-file user ``bounces`` / ``secret``.

Both live in a directory made under /tmp (not pytest's tmp_path, whose 0700 parents the
servers' unprivileged processes cannot traverse), removed afterwards. Ports are found by
binding port 0 and closing it just before the server binds it.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

POSTFIX = shutil.which("postfix", path="/usr/sbin:/usr/bin")
DOVECOT = shutil.which("dovecot", path="/usr/sbin:/usr/bin")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(check: object, what: str, seconds: float = 20.0) -> None:
    """Wait until ``check()`` is true, or fail naming ``what`` (no fixed sleeps)."""
    deadline = time.monotonic() + seconds
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@contextmanager
def scratch(prefix: str) -> Iterator[Path]:
    root = Path(tempfile.mkdtemp(prefix=prefix))
    root.chmod(0o755)
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


MASTER_CF = """\
127.0.0.1:{port} inet n - n - - smtpd
pickup unix n - n 60 1 pickup
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
smtp unix - - n - - smtp
relay unix - - n - - smtp
showq unix n - n - - showq
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
local unix - n n - - local
virtual unix - n n - - virtual
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
"""

MAIN_CF = """\
compatibility_level = 3.6
queue_directory = {root}/queue
data_directory = {root}/data
maillog_file = {root}/data/maillog
maillog_file_prefixes = {root}
mail_owner = postfix
myhostname = relay.example.com
mydomain = relay.example.com
myorigin = relay.example.com
mydestination = relay.example.com
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
local_recipient_maps =
alias_maps =
alias_database =
smtputf8_enable = no
recipient_delimiter = +
virtual_mailbox_domains = bounces.example.org, readers.example.net
virtual_mailbox_base = {root}/mail
virtual_mailbox_maps = inline:{{ bounces@bounces.example.org=box/,
    unsubscribe@bounces.example.org=box/, fbl@bounces.example.org=box/,
    reader2@readers.example.net=reader2/, reader3@readers.example.net=reader3/,
    reader4@readers.example.net=reader4/ }}
virtual_uid_maps = static:{uid}
virtual_gid_maps = static:{gid}
"""


class Postfix:
    """A running private Postfix; ``box`` is the Maildir that bounces.example.org mail lands in."""

    def __init__(self, root: Path, port: int) -> None:
        self.root, self.port = root, port
        self.box = root / "mail" / "box"

    def log(self) -> str:
        path = self.root / "data" / "maillog"
        return path.read_text("utf-8", "replace") if path.exists() else ""

    def delivered(self, box: str = "box") -> list[Path]:
        new = self.root / "mail" / box / "new"
        return sorted(new.iterdir()) if new.is_dir() else []


@contextmanager
def postfix() -> Iterator[Postfix]:
    assert POSTFIX, "postfix is not installed (.ci/run installs it)"
    nobody = pwd.getpwnam("nobody")
    with scratch("syndicate-postfix-") as root:
        conf, port = root / "conf", free_port()
        for sub in ("conf", "queue", "data", "mail"):
            (root / sub).mkdir()
        (conf / "main.cf").write_text(
            MAIN_CF.format(root=root, uid=nobody.pw_uid, gid=nobody.pw_gid)
        )
        (conf / "master.cf").write_text(MASTER_CF.format(port=port))
        shutil.chown(root / "data", "postfix", "postfix")
        os.chown(root / "mail", nobody.pw_uid, nobody.pw_gid)
        for sub in ("new", "cur", "tmp"):  # made now, so Dovecot can serve it from the start
            (root / "mail" / "box" / sub).mkdir(parents=True)
        subprocess.run(
            ["chown", "-R", f"{nobody.pw_uid}:{nobody.pw_gid}", str(root / "mail")], check=True
        )
        cmd = [POSTFIX, "-c", str(conf)]
        subprocess.run([*cmd, "start"], check=True, capture_output=True)
        try:
            wait_for(lambda: listening(port), "postfix's smtpd")
            yield Postfix(root, port)
        finally:
            pidfile = root / "queue" / "pid" / "master.pid"
            pid = int(pidfile.read_text().strip()) if pidfile.exists() else None
            subprocess.run([*cmd, "abort"], capture_output=True)  # the queue is thrown away
            if pid is not None:
                wait_for(lambda: not _alive(pid), "postfix to stop")


DOVECOT_CONF = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap pop3
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
default_internal_user = nobody
default_internal_group = {group}
default_login_user = nobody
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
mail_location = maildir:{maildir}
pop3_uidl_format = %08Xu%08Xv
service imap-login {{
  chroot =
  inet_listener imap {{
    port = {imap}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service pop3-login {{
  chroot =
  inet_listener pop3 {{
    port = {pop3}
  }}
  inet_listener pop3s {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


class Dovecot:
    """A running Dovecot; ``maildir`` is user ``bounces``'s mailbox (password ``secret``)."""

    def __init__(self, root: Path, imap: int, pop3: int, maildir: Path) -> None:
        self.root, self.imap, self.pop3, self.maildir = root, imap, pop3, maildir

    def deliver(self, name: str, data: bytes) -> None:
        """Put a message in the mailbox the way an MDA does (tmp/, then rename into new/)."""
        nobody = pwd.getpwnam("nobody")
        tmp = self.maildir / "tmp" / name
        tmp.write_bytes(data)
        os.chown(tmp, nobody.pw_uid, nobody.pw_gid)
        tmp.rename(self.maildir / "new" / name)

    def url(self, scheme: str) -> str:
        port = self.imap if scheme == "imap" else self.pop3
        return f"{scheme}://bounces:secret@127.0.0.1:{port}"


@contextmanager
def dovecot(maildir: Path | None = None) -> Iterator[Dovecot]:
    """Dovecot serving ``maildir`` (e.g. Postfix's ``box``), or a Maildir of its own."""
    assert DOVECOT, "dovecot is not installed (.ci/run installs dovecot-imapd, dovecot-pop3d)"
    nobody = pwd.getpwnam("nobody")
    group = subprocess.run(["id", "-gn", "nobody"], capture_output=True, text=True).stdout.strip()
    with scratch("syndicate-dovecot-") as root:
        imap, pop3 = free_port(), free_port()
        for sub in (
            "run",
            "state",
            "home",
            "mail/bounces/new",
            "mail/bounces/cur",
            "mail/bounces/tmp",
        ):
            (root / sub).mkdir(parents=True)
        (root / "users").write_text("bounces:{PLAIN}secret\n")
        conf = root / "dovecot.conf"
        box = maildir or root / "mail" / "bounces"
        conf.write_text(
            DOVECOT_CONF.format(
                root=root,
                uid=nobody.pw_uid,
                gid=nobody.pw_gid,
                group=group,
                imap=imap,
                pop3=pop3,
                maildir=box,
            )
        )
        subprocess.run(["chown", "-R", f"{nobody.pw_uid}:{nobody.pw_gid}", str(root)], check=True)
        as_nobody = [
            "setpriv",
            f"--reuid={nobody.pw_uid}",
            f"--regid={nobody.pw_gid}",
            "--clear-groups",
        ]
        # not capture_output: the daemon inherits the pipes and would hold them open
        with (root / "start.log").open("wb") as out:
            subprocess.run(
                [*as_nobody, DOVECOT, "-c", str(conf)], check=True, stdout=out, stderr=out
            )
        pidfile = root / "run" / "master.pid"
        try:
            wait_for(lambda: listening(imap) and listening(pop3), "dovecot's listeners")
            yield Dovecot(root, imap, pop3, box)
        finally:
            if pidfile.exists():
                pid = int(pidfile.read_text().strip())
                os.kill(pid, 15)
                wait_for(lambda: not _alive(pid), "dovecot to stop")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
