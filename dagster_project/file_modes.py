"""Who may read what the warehouse writes: the owner, and optionally one chosen group.

The warehouse folder holds business data (and Dagster's run history, dbt's logs and the
Data Docs, which quote it), so nothing in it is readable by other users of the machine.
One mechanism does it: a process umask, set before anything is created (by `asw` itself,
and again by the warehouse resource for runs launched by other processes), so every file
a library creates is born private. Files that a library copies with their own mode (Data
Docs' static assets keep the 0644 of the installed package) or that an older version left
behind are then brought into line by one walk over the folder, at the start and the end of
every run.

`ASW_SHARE_GROUP=<group>` lets one group read (never write): new files get the group via
the setgid bit of the folders, existing ones are changed to it.
"""

from __future__ import annotations

import grp
import os
import stat
from pathlib import Path

SHARE_GROUP_ENV = "ASW_SHARE_GROUP"

_PRIVATE_UMASK = 0o077
_GROUP_UMASK = 0o027


def share_group() -> int | None:
    """The group id of `ASW_SHARE_GROUP` (a name or a number), None when unset."""
    name = os.environ.get(SHARE_GROUP_ENV, "").strip()
    if not name:
        return None
    try:
        return grp.getgrnam(name).gr_gid
    except KeyError:
        pass
    if name.isdigit():
        try:
            return grp.getgrgid(int(name)).gr_gid
        except KeyError:
            pass
    raise ValueError(f"{SHARE_GROUP_ENV}={name}: no such group on this machine")


def restrict_umask() -> int:
    """Make files created from now on private (group-readable with a share group).

    Returns the previous umask. The umask is set, not combined with the user's: a share
    group asked for must be able to read what a run creates.
    """
    return os.umask(_GROUP_UMASK if share_group() is not None else _PRIVATE_UMASK)


def _wanted_mode(mode: int, is_dir: bool, shared: bool) -> int:
    owner = mode & 0o700
    if is_dir:
        # The owner always needs to enter and list its own folders.
        owner |= 0o700
        return owner | ((0o050 | stat.S_ISGID) if shared else 0)
    # The group may read (and run what the owner may run), never write.
    return owner | (((owner & 0o500) >> 3) if shared else 0)


def secure_tree(folder: Path) -> list[str]:
    """Take away others' (and, without a share group, the group's) access under `folder`.

    Symbolic links are left alone (their own mode means nothing, and their targets are not
    ours). Returns one line per path that could not be changed (owned by another user).
    """
    gid = share_group()
    shared = gid is not None
    problems: list[str] = []

    def fix(path: str, is_dir: bool) -> None:
        try:
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                return
            if shared and info.st_gid != gid:
                os.chown(path, -1, gid, follow_symlinks=False)
            wanted = _wanted_mode(stat.S_IMODE(info.st_mode), is_dir, shared)
            if stat.S_IMODE(info.st_mode) != wanted:
                os.chmod(path, wanted)
        except FileNotFoundError:
            pass  # removed meanwhile (a temporary file)
        except OSError as exc:
            problems.append(f"{path}: cannot restrict its permissions ({exc.strerror or exc})")

    if not folder.is_dir():
        return problems
    fix(str(folder), True)
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            fix(os.path.join(root, name), True)
        for name in files:
            fix(os.path.join(root, name), False)
    return problems


def private_folder(folder: Path) -> list[str]:
    """The umask for what comes, then the folder made and secured: call before writing."""
    restrict_umask()
    folder.mkdir(parents=True, exist_ok=True)
    return secure_tree(folder)
