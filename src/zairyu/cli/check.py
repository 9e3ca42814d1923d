"""`zairyu check [POLICY...]`: formal checks of the policies with the z3 solver."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from zairyu.cli.app import app


@app.command("check")
def check_command(
    policy_ids: Annotated[
        list[str] | None, typer.Argument(help="Policy ids (default: every policy).")
    ] = None,
    size: Annotated[
        int, typer.Option("--size", min=1, max=6, help="Largest household searched (members).")
    ] = 3,
    policies: Annotated[
        Path | None,
        typer.Option("--policies", help="A folder of policy files instead of the shipped ones."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on findings for review as well as on errors.")
    ] = False,
    examples: Annotated[
        Path | None,
        typer.Option("--examples", help="Write each case found as household JSON in this folder."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Check that no policy contradicts itself: dead conditions, unreachable or shadowed
    outcomes, perverse effects of a fact or an action, and decisions taken too early.

    Every case the solver finds is written as a household, assessed by the scalar engine to
    confirm it, and printed. Exit code 1 if a finding is neither waived in the policy file
    (`waivers:`) nor only for review; 2 if a policy cannot be read."""
    from zairyu.checks.run import check_plan, describe
    from zairyu.engine.catalogue import build_catalogue, default_catalogue
    from zairyu.engine.plan import PolicyError
    from zairyu.policies.loader import PolicyFileError

    try:
        catalogue = build_catalogue(policies) if policies else default_catalogue()
        plans = (
            [catalogue.get(p) for p in policy_ids] if policy_ids else list(catalogue.plans.values())
        )
    except (PolicyError, PolicyFileError) as error:
        typer.echo(f"zairyu check: {error}", err=True)
        raise typer.Exit(code=2) from None
    except KeyError as error:
        typer.echo(f"zairyu check: {error.args[0]}", err=True)
        raise typer.Exit(code=2) from None
    reports = []
    for plan in sorted(plans, key=lambda p: p.id):
        reports.append(check_plan(plan, size))
        if not as_json:
            _print(reports[-1], describe)
    if examples is not None:
        examples.mkdir(parents=True, exist_ok=True)
        for report in reports:
            for finding in report.findings:
                for k, scene in enumerate(finding.scenes):
                    name = finding.id.replace(":", "_").replace(".", "-") + f"_{k + 1}.json"
                    (examples / name).write_text(json.dumps(scene.household, indent=2) + "\n")
    failing = sum(len(r.failing(strict=strict)) + len(r.unused_waivers) for r in reports)
    if as_json:
        typer.echo(json.dumps([_report_dict(r) for r in reports], indent=2, ensure_ascii=False))
    else:
        total = sum(r.checks for r in reports)
        seconds = sum(r.seconds for r in reports)
        typer.echo(f"{len(reports)} policies, {total} checks, {seconds:.1f} s: {failing} failing")
    if failing:
        raise typer.Exit(code=1)


def _report_dict(report: object) -> dict[str, object]:
    from zairyu.checks.findings import PolicyReport

    assert isinstance(report, PolicyReport)
    return {
        "policy": report.policy_id,
        "household_size": report.size,
        "checks": report.checks,
        "seconds": round(report.seconds, 2),
        "findings": [f.to_dict() for f in report.findings],
        "unused_waivers": report.unused_waivers,
        "undecided": report.undecided,
    }


def _print(report: object, describe: object) -> None:
    from zairyu.checks.findings import PolicyReport

    assert isinstance(report, PolicyReport) and callable(describe)
    typer.echo(
        f"{report.policy_id}: {report.checks} checks in {report.seconds:.1f} s "
        f"(households of up to {report.size} members)"
    )
    for finding in report.findings:
        status = f"waived: {finding.waived}" if finding.waived else finding.severity.upper()
        typer.echo(f"  [{status}] {finding.id}")
        typer.echo(f"    {finding.message}")
        for scene in finding.scenes:
            for line in describe(scene):
                typer.echo(f"      {line}")
    for waiver in report.unused_waivers:
        typer.echo(f"  [unused waiver] {waiver}: no finding has this id any more")
    for question in report.undecided:
        typer.echo(f"  [not decided in time] {question}")
    if not report.findings:
        typer.echo("  no findings")
    typer.echo("")
