"""The document subcommands: catalog, validate, schema."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from servstd._documents import read_path
from servstd._extras import require
from servstd.catalog import KIND_TITLES, catalog
from servstd.cli._common import UsageError, existing_file, out
from servstd.errors import DocumentError
from servstd.scoring import read_inspection
from servstd.scoring.inspection import InspectionDoc
from servstd.sla.policy.complaint_policy import ComplaintPolicy, ComplaintPolicyDoc
from servstd.sla.policy.sla_policy import PolicyDoc, SLAPolicy
from servstd.standards import dump, json_schema, read_standard

__all__ = ["cmd_catalog", "cmd_schema", "cmd_validate"]


def _format(args: argparse.Namespace) -> str:
    """The document format of ``--format`` and ``--json`` (which must agree)."""
    if args.json and args.format not in (None, "json"):
        raise UsageError(f"--json and --format {args.format} disagree; give one of them")
    return "json" if args.json else args.format or "yaml"


def dump_data(data: Any, fmt: str) -> str:
    """A catalog document's data as YAML, JSON or TOML text."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "toml":
        require("writing TOML", "toml")
        import tomli_w  # noqa: PLC0415 - optional: servstd[toml]

        return str(tomli_w.dumps(data))
    return dump_policy(data)


def _search(args: argparse.Namespace) -> int:
    """``catalog search WORD``: the documents whose id, title, tags or item texts hold WORD, in
    either script (:meth:`Catalog.search <servstd.catalog.Catalog.search>`)."""
    if not args.id or not args.id.strip():
        raise UsageError("'catalog search' needs a word to look for, e.g. 'servstd catalog search 培训'")
    c = catalog()
    ids = c.search(args.id.strip())
    rows = [{"id": i, "kind": c.kind(i), "title": str(c.data(i).get("title", ""))} for i in ids]
    if not rows:
        text = f"no catalog document mentions {args.id.strip()!r}"
    else:
        width = max(len(i) for i in ids)
        text = "\n".join(f"{r['id']:<{width}}  {r['kind']:<16}  {r['title']}" for r in rows)
    out(args, rows, text)
    return 0


def cmd_catalog(args: argparse.Namespace) -> int:
    c = catalog()
    if args.action == "list":
        kinds = sorted({c.kind(i) for i in c.ids()})
        if args.id is not None and args.id not in kinds:
            raise UsageError(f"'catalog list' takes a kind, one of {', '.join(kinds)}; got {args.id!r}")
        rows = []
        text = []
        width = max(len(i) for i in c.ids())
        for kind, ids in c.by_kind().items():
            if args.id is not None and kind != args.id:
                continue
            text.append(f"{kind} — {KIND_TITLES[kind][1]}, {KIND_TITLES[kind][0]}:")
            for i in ids:
                title = str(c.data(i).get("title", ""))
                rows.append({"id": i, "kind": kind, "title": title, "source": c.source_title(i)})
                text.append(f"  {i:<{width}}  {title}")
        out(args, rows, "\n".join(text))
        return 0
    if args.action == "search":
        return _search(args)
    if not args.id:
        raise UsageError(f"'catalog {args.action}' needs an id; see 'servstd catalog list'")
    fmt = _format(args)
    if c.kind(args.id) not in c.standard_kinds():
        if args.action == "export" or args.format is not None or args.json:
            args.stdout.write(dump_data(c.data(args.id), fmt))
            return 0
        data = c.data(args.id)
        lines = [
            f"{data.get('title', '')} ({args.id})",
            f"kind: {c.kind(args.id)}   source: {c.source_title(args.id)}",
        ]
        lines += _review(args.id)
        body = {k: v for k, v in data.items() if k not in ("kind", "id", "title", "source")}
        args.stdout.write("\n".join(lines) + "\n" + dump_policy(body))
        return 0
    std = c.get(args.id)
    if args.action == "export" or args.format is not None:
        args.stdout.write(dump(std, fmt))
        return 0
    lines = [
        f"{std.title} ({std.id} v{std.version})",
        f"kind: {std.kind.value}   source: {std.source}   scheme: {std.scheme.value}   max: {std.max_points}",
    ]
    lines += _review(args.id)
    for sec in std.walk_sections():
        lines.append(
            f"  [{sec.id}] {sec.title}" + (f" ({sec.max_points} 分)" if sec.max_points is not None else "")
        )
        lines.extend(f"    {it.code}  {it.text}" for it in sec.items)
    lines.extend(f"  {cr.name}  weight {cr.weight}  {cr.text}" for cr in std.criteria)
    out(args, json.loads(dump(std, "json")), "\n".join(lines))
    return 0


def _review(id: str) -> list[str]:
    """What a reader should check in a shipped document: its library defaults, its reconstructed
    texts, and where its quoted source passages are."""
    c = catalog()
    lines = []
    defaults = c.defaults(id)
    if defaults:
        lines.append("library defaults to review:")
        lines.extend(f"  {d.where}: {d.reason}" for d in defaults)
    rebuilt = c.reconstructions(id)
    if rebuilt:
        lines.append("texts rebuilt from a damaged source passage:")
        lines.extend(f"  {r.code}: {''.join(f'「{f}」' for f in r.fragments)} — {r.reason}" for r in rebuilt)
    quoted = len(c.source(id).excerpts)
    if quoted:
        lines.append(f"source passages quoted: {quoted} (`servstd catalog export {id}` writes them)")
    return lines


def dump_policy(data: Any) -> str:
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def cmd_validate(args: argparse.Namespace) -> int:
    path = existing_file(args.file, "document")
    kind = "document"
    try:
        data, _ = read_path(path, text_reader="parse_standard")
        kind = data.get("kind", "standard") if isinstance(data, dict) else "standard"
        if isinstance(data, dict) and ("findings" in data or "measurements" in data):
            kind = "inspection"
        loaders: dict[str, Callable[[Path], object]] = {
            "standard": read_standard, "inspection": read_inspection,
            "sla-policy": SLAPolicy.read, "complaint-policy": ComplaintPolicy.read,
        }  # fmt: skip
        loaders.get(str(kind), read_standard)(path)
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
