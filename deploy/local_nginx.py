"""Run deploy/nginx.conf on this machine: Debian's nginx, a temporary prefix,
a free 127.0.0.1 port, the built site under /data/fuling/, as an unprivileged
process that the caller stops. Used by tests/browser/test_nginx.py and
bench/lighthouse_nginx.py; by hand, to look at a build as the server sends it:

    .venv/bin/python deploy/local_nginx.py --site site/    # build with --site-url …/data/fuling/ first

Only the port of the `listen` line is changed; everything else is the file as
shipped.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

CONF = Path(__file__).resolve().parent / "nginx.conf"
LISTEN = "listen 127.0.0.1:8080;"  # the one line changed: the port
PREFIX_PATH = "/data/fuling/"  # the sub-path nginx.conf serves the site under


class NginxError(RuntimeError):
    pass


def _which_nginx() -> str | None:
    return shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)


def find_or_install_nginx() -> str:
    """Debian's nginx; apt-get installs it when missing, without starting the system service."""
    found = _which_nginx()
    if found:
        return found
    root = os.geteuid() == 0
    if not root and not shutil.which("sudo"):
        raise NginxError("nginx is missing and cannot be installed: not root and no sudo; "
                         "install Debian's nginx (apt-get install nginx)")
    sudo = [] if root else ["sudo", "-n"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    # The package would start a system nginx on port 80; a policy-rc.d that
    # exits 101 is Debian's switch for "install, do not start".
    policy = Path("/usr/sbin/policy-rc.d")
    made_policy = False
    log: list[str] = []
    install = [*sudo, "apt-get", "install", "-y", "-q", "--no-install-recommends", "nginx"]
    try:
        if root and not policy.exists():
            policy.write_text("#!/bin/sh\nexit 101\n")
            policy.chmod(0o755)
            made_policy = True
        done = subprocess.run(install, env=env, capture_output=True, text=True)
        log.append(done.stdout[-2000:] + done.stderr[-2000:])
        if done.returncode != 0:  # a fresh machine has no package lists yet
            update = subprocess.run([*sudo, "apt-get", "update", "-q"], env=env, capture_output=True, text=True)
            log.append(update.stderr[-2000:])
            done = subprocess.run(install, env=env, capture_output=True, text=True)
            log.append(done.stdout[-2000:] + done.stderr[-2000:])
    finally:
        if made_policy:
            policy.unlink()
    found = _which_nginx()
    if not found:
        raise NginxError("nginx is missing and apt-get could not install it:\n" + "\n".join(log))
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_prefix() -> Path:
    """A temporary prefix readable by an unprivileged nginx (mkdtemp makes it private)."""
    folder = Path(tempfile.mkdtemp(prefix="fuling-nginx-"))
    folder.chmod(0o755)
    return folder


def _unprivileged_user() -> tuple[str, str] | None:
    """As root, nginx runs as nobody; otherwise as whoever runs this."""
    if os.geteuid() != 0:
        return None
    import grp
    import pwd

    user = pwd.getpwnam("nobody")
    return user.pw_name, grp.getgrgid(user.pw_gid).gr_name


@dataclass
class LocalNginx:
    prefix: Path  # holds site/, logs/, tmp/, nginx.conf
    port: int
    process: subprocess.Popen

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base(self) -> str:
        return self.origin + PREFIX_PATH

    def error_log(self) -> str:
        log = self.prefix / "logs" / "error.log"
        return log.read_text(errors="replace")[-3000:] if log.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # fast shutdown; the workers exit with the master
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start(prefix: Path, port: int | None = None, binary: str | None = None, timeout: float = 15) -> LocalNginx:
    """Start nginx.conf from `prefix` (which must hold the built site in site/)."""
    binary = binary or find_or_install_nginx()
    if not (prefix / "site" / "index.html").is_file():
        raise NginxError(f"{prefix / 'site'} holds no built site")
    run_as = _unprivileged_user()
    for name in ("logs", "tmp"):
        (prefix / name).mkdir(exist_ok=True)
        if run_as:
            shutil.chown(prefix / name, *run_as)
    text = CONF.read_text(encoding="utf-8")
    if text.count(LISTEN) != 1:
        raise NginxError(f"deploy/nginx.conf must have exactly one `{LISTEN}` line")
    port = port or free_port()
    (prefix / "nginx.conf").write_text(text.replace(LISTEN, f"listen 127.0.0.1:{port};"), encoding="utf-8")
    command = [binary, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", "logs/error.log",
               "-g", f"daemon off; pid {prefix / 'logs' / 'nginx.pid'};"]
    user, group = run_as or (None, None)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               user=user, group=group, extra_groups=[] if run_as else None)
    running = LocalNginx(prefix, port, process)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            output = process.stdout.read().decode(errors="replace") if process.stdout else ""
            raise NginxError(f"nginx exited ({process.returncode}) at start:\n{output}\n{running.error_log()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return running
        except OSError:
            if time.monotonic() > deadline:
                running.stop()
                raise NginxError(f"nginx did not listen on {port}:\n{running.error_log()}")
            time.sleep(0.05)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve a built site with deploy/nginx.conf until Ctrl-C.")
    parser.add_argument("--site", type=Path, default=Path("site"), help="built site (default: site/)")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    args = parser.parse_args(argv)
    prefix = make_prefix()
    try:
        shutil.copytree(args.site, prefix / "site", symlinks=True)
        running = start(prefix, args.port or None)
        print(f"nginx serving {args.site} at {running.base} (prefix {prefix}); Ctrl-C stops it")
        try:
            running.process.wait()
        except KeyboardInterrupt:
            pass
        finally:
            running.stop()
    finally:
        shutil.rmtree(prefix, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
