"""The document subcommands: catalog, validate, schema."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from servstd._documents import read_document
from servstd.catalog import catalog
from servstd.cli._common import UsageError, out
from servstd.errors import DocumentError
from servstd.scoring import load_inspection
from servstd.scoring.inspection import InspectionDoc
from servstd.sla.policy.complaint_policy import ComplaintPolicy, ComplaintPolicyDoc
from servstd.sla.policy.sla_policy import PolicyDoc, SLAPolicy
from servstd.standards import dump, json_schema, load

__all__ = ["cmd_catalog", "cmd_schema", "cmd_validate"]


def cmd_catalog(args: argparse.Namespace) -> int:
    c = catalog()
    if args.action == "list":
        rows = []
        for i in c.ids():
            kind = c.kind(i)
            title = str(c.data(i).get("title", ""))
            rows.append({"id": i, "kind": kind, "title": title})
        width = max(len(r["id"]) for r in rows)
        out(args, rows, "\n".join(f"{r['id']:<{width}}  {r['kind']:<16}  {r['title']}" for r in rows))
        return 0
    if not args.id:
        raise UsageError(f"'catalog {args.action}' needs an id; see 'servstd catalog list'")
    if c.kind(args.id) != "standard":
        data = c.data(args.id)
        out(
            args,
            data,
            json.dumps(data, ensure_ascii=False, indent=2) if args.format == "json" else dump_policy(data),
        )
        return 0
    std = c.get(args.id)
    if args.action == "export":
        args.stdout.write(dump(std, "json" if args.json else args.format))
        return 0
    lines = [
        f"{std.title} ({std.id} v{std.version})",
        f"source: {std.source}   scheme: {std.scheme.value}   max: {std.max_points}",
    ]
    for sec in std.walk_sections():
        lines.append(
            f"  [{sec.id}] {sec.title}" + (f" ({sec.max_points} 分)" if sec.max_points is not None else "")
        )
        lines.extend(f"    {it.code}  {it.text}" for it in sec.items)
    lines.extend(f"  {cr.name}  weight {cr.weight}  {cr.text}" for cr in std.criteria)
    out(args, json.loads(dump(std, "json")), "\n".join(lines))
    return 0


def dump_policy(data: Any) -> str:
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def cmd_validate(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.exists():
        raise UsageError(f"no file {args.file!r}")
    data, _ = read_document(path)
    kind = data.get("kind", "standard") if isinstance(data, dict) else "standard"
    if (isinstance(data, dict) and "findings" in data) or (isinstance(data, dict) and "measurements" in data):
        kind = "inspection"
    loaders: dict[str, Callable[[Path], object]] = {
        "standard": load, "inspection": load_inspection,
        "sla-policy": SLAPolicy.load, "complaint-policy": ComplaintPolicy.load,
    }  # fmt: skip
    try:
        loaders.get(kind, load)(path)
    except DocumentError as exc:
        problems = [{"path": p.path, "message": p.message} for p in exc.problems]
        out(args, {"file": str(path), "kind": kind, "valid": False, "problems": problems}, str(exc))
        return 1
    out(args, {"file": str(path), "kind": kind, "valid": True, "problems": []}, f"{path}: valid {kind}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    schemas: dict[str, Callable[[], dict[str, Any]]] = {
        "standard": json_schema,
        "inspection": InspectionDoc.model_json_schema,
        "policy": lambda: PolicyDoc.model_json_schema(by_alias=True),
        "complaint-policy": ComplaintPolicyDoc.model_json_schema,
    }
    args.stdout.write(json.dumps(schemas[args.kind](), ensure_ascii=False, indent=2) + "\n")
    return 0
