"""A child process that edits a saved plan and is killed by the journal's test hook.

Shared by the crash tests of the journal (core) and of the window's recovery. Not a
test module: it holds no tests.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from editor.core.history import History
from editor.core.plan import Plan
from editor.io import journal as jr

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample_shapes" / "sample_county.shp"


CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {repo!r})
    from editor.core.history import History
    from editor.core.project import Project
    from editor.io.journal import Journal
    from editor.io.load import open_layer
    from editor.io.planfile import save_project
    {sequence}
    layer = open_layer({sample!r})
    project = Project(layer, source_path={sample!r})
    history = History(project.plan)
    for k in range(3):
        step(project.plan, history, k)
    save_project(project, {plan!r})
    project.plan_path = {plan!r}
    journal = Journal(project)
    for k in range(3, 200):
        step(project.plan, history, k)
    print("not killed", flush=True)
    """
)

SEQUENCE = textwrap.dedent(
    """
    from editor.core.commands import AssignTowns, RenameUnit, SetNote

    def step(plan, history, k):
        layer = plan.layer
        if k % 11 == 10 and history.can_undo:
            history.undo()
            return
        t = (k * 7) % layer.n
        uid = int(plan.unit_of[t])
        if k % 5 == 4:
            history.push(RenameUnit(uid, f"单元{k}"))
        elif k % 7 == 6:
            history.push(SetNote(uid, f"第{k}次讨论"))
        else:
            nb = layer.neighbors(t)
            target = int(plan.unit_of[int(nb[k % len(nb)])])
            if target == uid:
                history.push(RenameUnit(uid, f"合并{k}"))
            else:
                history.push(AssignTowns([t], target))
    """
)


def expected_after(layer, changes: int) -> Plan:
    """The plan after the saved steps and ``changes`` journaled changes, rebuilt apart."""
    ns: dict = {}
    exec(SEQUENCE, ns)
    plan = Plan(layer)
    history = History(plan)
    for k in range(3):
        ns["step"](plan, history, k)
    seen = []
    plan.events.changed.connect(seen.append)
    k = 3
    while len(seen) < changes:
        ns["step"](plan, history, k)
        k += 1
    return plan


def run_killed(tmp_path: Path, record: int, point: str, sample: Path = SAMPLE) -> Path:
    """Run the child until the journal hook kills it at ``point`` of record ``record``."""
    plan_path = tmp_path / "方案.tbplan"
    script = tmp_path / "child.py"
    script.write_text(
        CHILD.format(repo=str(REPO), sequence=SEQUENCE, sample=str(sample), plan=str(plan_path)),
        encoding="utf-8",
    )
    env = dict(os.environ, **{jr.ENV_CRASH: f"{record}:{point}"})
    out = subprocess.run(
        [sys.executable, str(script)], env=env, capture_output=True, text=True, cwd=tmp_path
    )
    assert out.returncode == -signal.SIGKILL, out.stderr
    assert "not killed" not in out.stdout
    return plan_path


def committed(record: int, point: str) -> int:
    """Changes committed when killed at ``point`` of record ``record`` (1 is the header)."""
    return record - 1 if point == "after" else record - 2
