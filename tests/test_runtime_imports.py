"""The runtime stays apart from the research code: ``import argmine`` and an analysis load no
training, evaluation, corpus or command-line module."""

from __future__ import annotations

import json
import subprocess
import sys

RESEARCH = ("argmine.training", "argmine.evaluation", "argmine.cli", "argmine.web")

LOADED_MODULES = """
import json, sys
import argmine
{work}
print(json.dumps(sorted(sys.modules)))
"""


def loaded_modules(work: str = "") -> list[str]:
    """The modules a fresh interpreter holds after ``import argmine`` and ``work``."""
    result = subprocess.run(
        [sys.executable, "-c", LOADED_MODULES.format(work=work)],
        check=True,
        capture_output=True,
        text=True,
    )
    modules: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return modules


def research_modules(modules: list[str]) -> list[str]:
    return [name for name in modules if name.startswith(RESEARCH)]


def test_import_argmine_loads_no_research_module() -> None:
    modules = loaded_modules()
    assert "argmine.pipeline" in modules
    assert research_modules(modules) == []


def test_an_analysis_loads_no_research_module() -> None:
    modules = loaded_modules(
        'analysis = argmine.analyze("Cities should ban cars, because streets would be safer.")\n'
        "assert analysis.units"
    )
    assert "argmine.structure.models" in modules
    assert research_modules(modules) == []


def test_an_analysis_imports_neither_scikit_learn_nor_skops() -> None:
    """The shipped models are arrays (argmine.linear): importing scikit-learn and skops would
    add about 1.7 s to every cold start of the command line."""
    modules = loaded_modules(
        'analysis = argmine.analyze("Cities should ban cars. However, buses are slow, because '
        'roads are full. Therefore we need trams.")\n'
        "assert analysis.units and analysis.moves"
    )
    assert "argmine.moves.senses" in modules
    assert [name for name in modules if name.split(".")[0] in ("sklearn", "skops")] == []


PIPELINE_WITHOUT_DYNAMO = """
import json, sys
import torch
from argmine.parsing import load_pipeline
pipeline = load_pipeline("bundled")
leftovers = [
    name
    for name, value in vars(torch.optim.Optimizer).items()
    if "__dynamo_disable" in vars(getattr(value, "__wrapped__", lambda: None))
]
words = len(pipeline("Cities should ban cars.").sentences[0].words)
print(json.dumps(["torch._dynamo" in sys.modules, leftovers, words]))
"""


def test_the_stanza_pipeline_loads_without_torch_dynamo() -> None:
    """Building the pipeline skips the ``torch._dynamo`` import (a cold-start cost) and
    leaves torch's optimizer methods as it found them."""
    result = subprocess.run(
        [sys.executable, "-c", PIPELINE_WITHOUT_DYNAMO],
        check=True,
        capture_output=True,
        text=True,
    )
    dynamo_loaded, leftovers, words = json.loads(result.stdout.strip().splitlines()[-1])
    assert dynamo_loaded is False
    assert leftovers == []
    assert words == 5
