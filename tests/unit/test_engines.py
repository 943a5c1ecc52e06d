"""The recipes' steps and the three engines that carry them out: each engine is a table
from step name to function (or a declaration that it does not take the step), and every
table answers for exactly the steps the recipes name."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from dspt_qgis.pipeline import run as pipeline
from dspt_qgis.pipeline.recipes import RECIPES, recipe_for, trend_recipes
from dspt_qgis.pipeline.steps import Crosswalk, NotTaken
from scripts import demo_steps, make_model

REPO = Path(__file__).resolve().parents[2]
ENGINES = {
    "make demo (scripts/demo_steps.py)": demo_steps.STEPS,
    "dspt-report (pipeline/run.py)": pipeline.STEPS,
    "the model (scripts/make_model.py)": make_model.MODEL_STEPS,
}


def named_by_the_recipes() -> set[str]:
    return {step.NAME for recipe in RECIPES.values() for step in recipe.steps}


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_every_engine_answers_for_exactly_the_steps_the_recipes_name(engine: str) -> None:
    """A step no engine table names would stop a run; one only a table names is dead."""
    table = ENGINES[engine]
    assert set(table) == named_by_the_recipes()
    for name, entry in table.items():
        assert callable(entry) or isinstance(entry, NotTaken), name


def test_the_demo_takes_every_step_and_the_others_say_why_not() -> None:
    """make demo is the whole method; the other two leave steps to it, and say so."""
    assert not any(isinstance(entry, NotTaken) for entry in demo_steps.STEPS.values())
    for table in (pipeline.STEPS, make_model.MODEL_STEPS):
        left = [entry for entry in table.values() if isinstance(entry, NotTaken)]
        assert left
        assert all(entry.reason for entry in left)


def test_a_recipe_takes_each_step_once() -> None:
    """``Recipe.step`` finds a step by its kind: a second one would never be read."""
    for recipe in RECIPES.values():
        names = [step.NAME for step in recipe.steps]
        assert len(names) == len(set(names)), recipe.label


def test_each_trend_edition_is_a_recipe_carried_onto_the_trends_geography() -> None:
    """The trend carries each of its editions' recipes as far as its composite on the
    trend's geography, which only a crosswalk reaches."""
    for recipe in RECIPES.values():
        for edition in trend_recipes(recipe):
            assert edition.step(Crosswalk) is not None, edition.label
    assert [r.edition for r in trend_recipes(recipe_for("20/21"))] == ["20/21", "21/22", "22/23"]


def test_the_model_refuses_a_recipe_it_cannot_express_naming_what_it_needs() -> None:
    """2021/22 has two exports and reads each trust's ICS from ODS: the model has one export
    and reads the ICS from a field of it."""
    with pytest.raises(SystemExit) as refused:
        make_model.model_children(recipe_for("21/22"))
    message = str(refused.value)
    assert message.startswith("The model cannot carry out the 2021/22 ")
    assert "one export" in message
    assert "each trust's ICS in a field of the export" in message
    assert [child[0] for child in make_model.model_children(recipe_for("20/21"))] == [
        "import",
        "commissioners",
        "join",
        "trusts",
        "composite",
        "proportions",
        "summary",
    ]


def _with_export(recipe, **settings):
    """``recipe`` with its one export's settings changed."""
    from dataclasses import replace

    def changed(step):
        if step.NAME != "import":
            return step
        return replace(step, exports=(replace(step.exports[0], **settings),))

    return replace(recipe, steps=tuple(changed(step) for step in recipe.steps))


def test_the_model_carries_the_exports_sector_and_refuses_closed_organisations_left_out() -> None:
    """The sector of rows naming none is the model's import's; closed organisations left
    out by ODS records (which the model does not read) refuse the recipe."""
    import_child = make_model.model_children(
        _with_export(recipe_for("20/21"), default_sector="Trust")
    )[0]
    assert import_child[3]["DEFAULT_SECTOR"] == "Trust"
    assert "DEFAULT_SECTOR" not in make_model.model_children(recipe_for("20/21"))[0][3]
    with pytest.raises(SystemExit, match=r"no closed organisations left out \(ODS records\)"):
        make_model.model_children(_with_export(recipe_for("20/21"), leave_out_closed=True))


def imports_between(folder: Path, package: str) -> dict[str, set[str]]:
    """Each module of ``folder`` -> the modules of ``package`` it imports, wherever in the
    module the import is (at the top, in a function, under ``TYPE_CHECKING``)."""
    graph: dict[str, set[str]] = {}
    for path in folder.glob("*.py"):
        module = f"{package}.{path.stem}"
        graph[module] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            graph[module] |= {n for n in names if n.startswith(f"{package}.")}
    return {module: {n for n in found if n in graph} for module, found in graph.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import cycle of ``graph``, each once, from its first module by name."""
    found = []

    def visit(module: str, path: list[str]) -> None:
        for target in sorted(graph[module]):
            if target == path[0]:
                found.append(path)
            elif target not in path and target > path[0]:
                visit(target, [*path, target])

    for start in sorted(graph):
        visit(start, [start])
    return found


def test_no_two_scripts_import_each_other() -> None:
    """A reader follows the demo from scripts/demo.py down: run -> steps -> project, never
    back up."""
    assert cycles(imports_between(REPO / "scripts", "scripts")) == []


def test_the_cycle_check_finds_a_cycle_through_a_function_level_import(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("from scripts.b import x\n")
    (tmp_path / "b.py").write_text("def f():\n    from scripts import c\n")
    (tmp_path / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from scripts.a import y\n"
    )
    (tmp_path / "d.py").write_text("import scripts.a\n")
    assert cycles(imports_between(tmp_path, "scripts")) == [["scripts.a", "scripts.b", "scripts.c"]]
