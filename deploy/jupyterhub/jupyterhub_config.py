# The workbook for a workshop group under JupyterHub: each participant logs in through the Hub and
# gets a workbook server of their own (its own process, its own kernels), serving the trainer's
# edition. Idle servers are stopped by jupyterhub-idle-culler. docs/deploying.md ("Workshops under
# JupyterHub") explains; from a checkout, after `make test` (or pip install ".[test]" and npm ci):
#
#   WORKBOOK_EDITION=/path/to/my-group WORKBOOK_HUB_PASSWORD='a shared password' \
#       jupyterhub -f deploy/jupyterhub/jupyterhub_config.py
#
# then open http://127.0.0.1:8000/ and log in with any name and that password.
#
# Settings, all from the environment:
#   WORKBOOK_EDITION       the edition folder to serve (`workbook edition new`); unset: the original
#   WORKBOOK_HUB_PASSWORD  the one password every participant types (the test login; see below)
#   WORKBOOK_HUB_DIR       the Hub's own folder: its database, cookie secret, the participants' home
#                          folders (homes/NAME), their servers' sockets (run/NAME) and the survey
#                          database; keep its path short. Default: the working folder
#   WORKBOOK_HUB_IP, WORKBOOK_HUB_PORT            where participants connect (127.0.0.1, 8000)
#   WORKBOOK_HUB_API_PORT, WORKBOOK_HUB_PROXY_API_PORT   internal ports (8081, 8001), 127.0.0.1 only
#   WORKBOOK_HUB_IDLE_SECONDS  stop a participant's server after this long unused (3600)
#   WORKBOOK_HUB_PROXY     the configurable-http-proxy command (default: the checkout's
#                          node_modules/.bin/configurable-http-proxy, else the one on the PATH)
#   WORKBOOK_SURVEY_DB     the survey's database for every participant (default: one SQLite file
#                          in WORKBOOK_HUB_DIR)

import os
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub defines it when it reads this file)

HERE = Path(__file__).resolve().parent
HUB_DIR = Path(os.environ.get("WORKBOOK_HUB_DIR") or os.getcwd()).resolve()
IP = os.environ.get("WORKBOOK_HUB_IP", "127.0.0.1")
PORT = int(os.environ.get("WORKBOOK_HUB_PORT", "8000"))
API_PORT = int(os.environ.get("WORKBOOK_HUB_API_PORT", "8081"))
PROXY_API_PORT = int(os.environ.get("WORKBOOK_HUB_PROXY_API_PORT", "8001"))
IDLE_SECONDS = int(os.environ.get("WORKBOOK_HUB_IDLE_SECONDS", "3600"))
EDITION = os.environ.get("WORKBOOK_EDITION", "")
HOMES = HUB_DIR / "homes"
HOMES.mkdir(parents=True, exist_ok=True)

# --- The Hub, its database and the proxy in front of everything -------------------------------
c.JupyterHub.bind_url = f"http://{IP}:{PORT}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{API_PORT}"
c.JupyterHub.db_url = f"sqlite:///{HUB_DIR / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(HUB_DIR / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True  # stopping the Hub stops every participant's server
c.JupyterHub.cleanup_proxy = True

proxy = os.environ.get("WORKBOOK_HUB_PROXY") or next(
    (str(path) for path in (HERE.parent.parent / "node_modules" / ".bin" / "configurable-http-proxy",)
     if path.exists()), shutil.which("configurable-http-proxy") or "configurable-http-proxy")
c.ConfigurableHTTPProxy.command = [proxy]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PROXY_API_PORT}"
c.ConfigurableHTTPProxy.pid_file = str(HUB_DIR / "jupyterhub-proxy.pid")

# --- Login -----------------------------------------------------------------------------------
# For a trial, and for the tests: any name, one shared password (SharedPasswordAuthenticator).
# This is NOT a real login: anyone who knows the password can be anyone. For a real workshop,
# put a real authenticator here, for example (not tried here; each is its own package):
#   c.JupyterHub.authenticator_class = "oauthenticator.GitHubOAuthenticator"   # pip install oauthenticator
#   c.JupyterHub.authenticator_class = "nativeauthenticator.NativeAuthenticator"  # accounts on the Hub
#   c.Authenticator.allowed_users = {"participant1", "participant2"}
#   c.Authenticator.admin_users = {"trainer"}
# and drop allow_all below.
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ.get("WORKBOOK_HUB_PASSWORD", "")
if len(c.SharedPasswordAuthenticator.user_password) < 8:
    sys.exit("Set WORKBOOK_HUB_PASSWORD to the password participants will type, 8 characters or "
             "more (or put a real authenticator in deploy/jupyterhub/jupyterhub_config.py).")
c.Authenticator.allow_all = True

# --- Each participant's own workbook server ------------------------------------------------------
# A local process per participant, run as the same unprivileged user as the Hub, with a home folder
# of its own under WORKBOOK_HUB_DIR/homes. singleuser_config.py lets participants only read the
# workbook (no code, no files); keep the edition read-only for this user all the same, and use a
# spawner that separates participants (SystemdSpawner, DockerSpawner; not tried here) where one
# shared user is not enough.
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = str(HOMES / "{username}")
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
c.Spawner.default_url = "/voila/render/index.ipynb"  # the workbook's home page
c.Spawner.args = [f"--config={HERE / 'singleuser_config.py'}"]  # the workbook, and nothing else
if os.geteuid() == 0:
    # Every participant's server would run as root. Only the tests do that, on a machine whose
    # Python no other user can run (WORKBOOK_HUB_ALLOW_ROOT=1); a real Hub runs as its own user.
    if os.environ.get("WORKBOOK_HUB_ALLOW_ROOT") != "1":
        sys.exit("Run the Hub as an unprivileged user: with this spawner every participant's "
                 "server runs as the Hub's user.")
    c.Spawner.args.append("--allow-root")
c.Spawner.environment = {
    # Kernels talk to their server over Unix sockets in this folder, whose paths must stay under
    # about 100 characters: keep WORKBOOK_HUB_DIR short (such as /srv/workbook-hub).
    "JUPYTER_RUNTIME_DIR": lambda spawner: str(HUB_DIR / "run" / spawner.user.name),
    "WORKBOOK_EDITION": EDITION,
    "WORKBOOK_SURVEY_DB": os.environ.get("WORKBOOK_SURVEY_DB") or f"sqlite:///{HUB_DIR / 'survey.sqlite'}",
}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120

# --- The idle culler: stop servers nobody has used for IDLE_SECONDS ------------------------------
# Every few minutes it asks the Hub when each server was last used (a page open and connected
# counts as use) and stops those idle for longer than the timeout, kernels and all. A stopped
# server keeps nothing: answers a participant kept on their device or in a file are safe, answers
# only on a page left idle that long are gone (as when `workbook serve` culls an idle kernel).
# Going back to the Hub starts a fresh server.
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={IDLE_SECONDS}",
                f"--cull-every={max(1, min(300, IDLE_SECONDS // 4))}"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
