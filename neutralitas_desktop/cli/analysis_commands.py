"""Legal analysis commands: `analysis materials|add-material|remove-material` (the study's
legal materials) and `analysis show|tests|add-test|edit-test|remove-test` (an incident's
element-by-element test against the articles that apply to it)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from neutralitas_desktop.cli.context import CliContext
from neutralitas_desktop.cli.incident_commands import find_incident
from neutralitas_desktop.cli.terminal import say
from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.triangulation.legal_analysis import (
    ELEMENTS,
    MATERIAL_KINDS,
    VERDICTS,
    add_element_test,
    add_material,
    analysis_for,
    applicable_provisions,
    edit_element_test,
    list_element_tests,
    list_materials,
    remove_element_test,
    remove_material,
)
from neutralitas_desktop.triangulation.legal_analysis_types import ElementTest, LegalMaterial

Subparsers = argparse._SubParsersAction


def register(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "analysis", help="legal analysis: legal materials and element tests (unsur pasal)"
    )
    inner = parser.add_subparsers(dest="analysis_command", metavar="COMMAND", required=True)
    p = inner.add_parser("materials", help="the study's legal materials (bahan hukum)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_materials)
    p = inner.add_parser("add-material", help="record a legal material; prints its id")
    p.add_argument("--kind", required=True, choices=MATERIAL_KINDS)
    p.add_argument("--citation", required=True, metavar="TEXT")
    p.add_argument("--note", default="", metavar="TEXT")
    p.set_defaults(handler=cmd_add_material)
    p = inner.add_parser("remove-material", help="remove a legal material")
    p.add_argument("material", metavar="ID")
    p.add_argument("--reason", default="", help="why (kept in the audit trail)")
    p.set_defaults(handler=cmd_remove_material)

    p = inner.add_parser("show", help="an incident's applicable articles and element tests")
    p.add_argument("incident")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_show)
    p = inner.add_parser("tests", help="element tests of every incident (or of one)")
    p.add_argument("--incident", metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_tests)
    p = inner.add_parser("add-test", help="test one element of an article; prints its id")
    p.add_argument("incident")
    _test_options(p, required=True)
    p.set_defaults(handler=cmd_add_test)
    p = inner.add_parser("edit-test", help="change an element test")
    p.add_argument("test", metavar="ID")
    _test_options(p, required=False)
    p.set_defaults(handler=cmd_edit_test)
    p = inner.add_parser("remove-test", help="remove an element test")
    p.add_argument("test", metavar="ID")
    p.add_argument("--reason", default="", help="why (kept in the audit trail)")
    p.set_defaults(handler=cmd_remove_test)


def _test_options(p: argparse.ArgumentParser, *, required: bool) -> None:
    p.add_argument("--article", required=required, metavar="CITATION",
                   help="an applicable provision's citation or part ('Pasal 29')")  # fmt: skip
    p.add_argument("--element", required=required, choices=ELEMENTS)
    p.add_argument("--verdict", required=required, choices=VERDICTS)
    p.add_argument("--reasoning", required=required, metavar="TEXT")
    p.add_argument("--evidence", action="append", default=None, metavar="LINE",
                   help="a line of evidence of the incident (repeat for more)")  # fmt: skip


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def _material_json(m: LegalMaterial) -> dict[str, Any]:
    return {k: v for k, v in vars(m).items() if k != "updated_at"}


def _test_json(t: ElementTest) -> dict[str, Any]:
    data = {k: v for k, v in vars(t).items() if k != "updated_at"}
    data["evidence"] = list(t.evidence)
    return data


def _one(kind: str, ref: str, ids: list[str]) -> str:
    """A full id from an id or an unambiguous prefix of it."""
    matches = [i for i in ids if i.startswith(ref)]
    if len(matches) != 1:
        raise NeutralitasError(
            f"no {kind} with id {ref}" if not matches else f"{kind} id {ref} is ambiguous"
        )
    return matches[0]


# ---- materials --------------------------------------------------------------------------
def cmd_materials(args: argparse.Namespace, ctx: CliContext) -> int:
    items = list_materials(ctx.db)
    if args.json:
        _print_json([_material_json(m) for m in items])
        return 0
    for m in items:
        note = f" — {m.note}" if m.note else ""
        say(f"{m.id[:8]}  {m.kind:9}  {m.citation}{note}")
    return 0


def cmd_add_material(args: argparse.Namespace, ctx: CliContext) -> int:
    material = add_material(ctx.db, ctx.actor, args.kind, args.citation, note=args.note)
    print(material.id)
    return 0


def cmd_remove_material(args: argparse.Namespace, ctx: CliContext) -> int:
    material = _one("legal material", args.material, [m.id for m in list_materials(ctx.db)])
    remove_material(ctx.db, ctx.actor, material, reason=args.reason)
    print(f"removed legal material {material}")
    return 0


# ---- element tests ----------------------------------------------------------------------
def _say_test(t: ElementTest) -> None:
    evidence = f"  [{', '.join(x[:8] for x in t.evidence)}]" if t.evidence else ""
    say(f"  {t.id[:8]}  {t.element:8} {t.verdict:8} {t.reasoning}{evidence}")


def cmd_show(args: argparse.Namespace, ctx: CliContext) -> int:
    incident = find_incident(ctx, args.incident)
    analysis = analysis_for(ctx.db, incident.id)
    provisions = applicable_provisions(ctx.db, incident.id)
    if args.json:
        _print_json(
            {
                "incident": incident.id,
                "applicable": [p.citation for p in provisions],
                "tests": [_test_json(t) for t in analysis.tests],
                "materials": [_material_json(m) for m in analysis.materials],
            }
        )
        return 0
    say(f"incident {incident.id}: {incident.actor_type}, {incident.summary}")
    print("applicable articles:")
    for p in provisions:
        say(f"  {p.citation}")
    for provision in analysis.provisions:
        say(f"element tests against {provision}:")
        for t in analysis.tests_of(provision):
            _say_test(t)
    if not analysis.tests:
        print("no element tests yet")
    return 0


def cmd_tests(args: argparse.Namespace, ctx: CliContext) -> int:
    incident = find_incident(ctx, args.incident).id if args.incident else None
    items = list_element_tests(ctx.db, incident)
    if args.json:
        _print_json([_test_json(t) for t in items])
        return 0
    heading = None
    for t in items:
        if (t.incident_id, t.provision) != heading:
            heading = (t.incident_id, t.provision)
            say(f"{t.incident_id[:8]}  {t.provision}")
        _say_test(t)
    return 0


def cmd_add_test(args: argparse.Namespace, ctx: CliContext) -> int:
    incident = find_incident(ctx, args.incident)
    test = add_element_test(
        ctx.db, ctx.actor, incident.id, provision=args.article, element=args.element,
        verdict=args.verdict, reasoning=args.reasoning, evidence=args.evidence or (),
    )  # fmt: skip
    print(test.id)
    return 0


def _find_test(ctx: CliContext, ref: str) -> str:
    return _one("element test", ref, [t.id for t in list_element_tests(ctx.db)])


def cmd_edit_test(args: argparse.Namespace, ctx: CliContext) -> int:
    test = edit_element_test(
        ctx.db, ctx.actor, _find_test(ctx, args.test), provision=args.article,
        element=args.element, verdict=args.verdict, reasoning=args.reasoning,
        evidence=args.evidence,
    )  # fmt: skip
    say(f"{test.id}  {test.provision}: {test.element} {test.verdict}")
    return 0


def cmd_remove_test(args: argparse.Namespace, ctx: CliContext) -> int:
    test = _find_test(ctx, args.test)
    remove_element_test(ctx.db, ctx.actor, test, reason=args.reason)
    print(f"removed element test {test}")
    return 0
