"""The analyze stage: stored captures → clean text, facts, lots, label, near-duplicate cluster, evidence.

Documents not analysed yet (or analysed by another model version; all with `reanalyze`) are streamed in
batches by id. Reading, extraction and classification need no database, so worker processes do them
(`workers`, one per core by default) while this process writes, in document order, one transaction per
chunk of documents (`chunks`, `write_chunk`): an interruption loses at most the chunk in hand, and a re-run
picks up where it stopped. Evidence goes through `evidence.records.record_flags`, which refreshes pending items
only: a human decision is never touched.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import Any

import numpy as np
import sqlite_utils
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from warcio.exceptions import ArchiveLoadFailed

from evidence.records import record_flags
from nlp.dedupe import Clusterer, signature
from nlp.facts import extract_facts, facts_from_text
from nlp.features import Doc
from nlp.licences import RuleFlag, licence_flag, price_flags
from nlp.model import Model, Prediction, current_model, headline_lot, make_doc, predict, warm_up
from nlp.text import decode_html, page_text
from nlp.triggers import firm_in_text, trigger_sentences
from store.captures import data_dir, read_capture
from store.db import now, transaction, update_rows
from store.identity import AliasIndex, lookup, resolve

RULE_FLAG_SCORE = 0.6
"""Score given to licence and price red flags raised by rules when the model's own score is lower."""
MAX_CHUNK = 100
"""Most documents per unit of work handed to a worker, and per write transaction."""
MIN_CHUNK = 10
"""Fewest documents per unit of work (towards the end of a run), unless fewer are left."""

_CHARSET = re.compile(r"charset=([\w-]+)", re.I)


@dataclass
class AnalyzeStats:
    """What one analyze run did."""

    analyzed: int = 0
    flagged: int = 0
    evidence: int = 0
    failed: int = 0
    failures: dict[int, str] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def per_second(self) -> float:
        return self.analyzed / self.seconds if self.seconds else 0.0


@dataclass
class Loaded:
    """One document ready to classify: its row, clean text, facts and MinHash signature."""

    row: dict[str, Any]
    clean_text: str
    doc: Doc
    signature: np.ndarray


@dataclass
class Prepared:
    """A chunk of documents read, extracted and classified (no database needed), and the ones that failed."""

    items: list[tuple[Loaded, Prediction]]
    failures: dict[int, str]


def _pending_where(reanalyze: bool) -> str:
    return "1" if reanalyze else "(analyzed_at IS NULL OR model_version IS NULL OR model_version != :version)"


def pending_count(db: sqlite_utils.Database, version: str, reanalyze: bool = False) -> int:
    """How many documents a run would analyse."""
    sql = f"SELECT COUNT(*) FROM documents WHERE {_pending_where(reanalyze)}"
    return db.execute(sql, {"version": version}).fetchone()[0]


def pending_batches(
    db: sqlite_utils.Database, version: str, *, reanalyze: bool, batch_size: int
) -> Iterator[list[dict[str, Any]]]:
    """Batches of pending document rows in id order (keyset paging: memory stays flat)."""
    last = 0
    sql = (
        "SELECT id, url, site, kind, title, published, content_type, encoding, warc_file, warc_offset, clean_text"
        f" FROM documents WHERE id > :last AND {_pending_where(reanalyze)} ORDER BY id LIMIT :limit"
    )
    while True:
        rows = [dict(r) for r in db.query(sql, {"last": last, "version": version, "limit": batch_size})]
        if not rows:
            return
        yield rows
        last = rows[-1]["id"]


def _declared(row: dict[str, Any], headers_type: str | None) -> str | None:
    for value in (headers_type, row.get("content_type")):
        match = _CHARSET.search(value or "")
        if match:
            return match.group(1)
    return row.get("encoding")


def load_document(row: dict[str, Any], base: Path) -> Loaded:
    """Read a document's capture (or its stored clean text when it has none) and extract its facts."""
    kind = row.get("kind") or "bulletin"
    title = row.get("title") or ""
    if row.get("warc_file"):
        capture = read_capture(base, row["warc_file"], row["warc_offset"])
        if capture.url is None or not capture.payload:
            raise ValueError(f"no response record with a payload at {row['warc_file']}:{row['warc_offset']}")
        declared = _declared(row, capture.header("content-type"))
        html, _encoding = decode_html(capture.payload, declared)
        if kind == "bulletin":
            facts = extract_facts(html, url=row["url"])
            clean = facts.text
        else:
            clean = page_text(html, row["url"])
            facts = facts_from_text(title, clean)
    elif row.get("clean_text"):
        clean = row["clean_text"]
        facts = facts_from_text(title, clean)
    else:
        raise ValueError("no capture and no stored text")
    doc = make_doc(title or getattr(facts, "title", "") or "", clean, kind, facts)
    return Loaded(row, clean, doc, signature(doc.text))


def prepare(rows: list[dict[str, Any]], base: Path, model: Model) -> Prepared:
    """Load and classify a chunk of document rows; a document that cannot be read is a failure, not an error."""
    loaded, failures = [], {}
    for row in rows:
        try:
            loaded.append(load_document(row, base))
        except (OSError, ValueError, StopIteration, ArchiveLoadFailed) as exc:
            failures[row["id"]] = str(exc) or type(exc).__name__
    predictions = predict(model, [item.doc for item in loaded])
    return Prepared(list(zip(loaded, predictions, strict=True)), failures)


def _company_id(db: sqlite_utils.Database, name: str | None, names: AliasIndex) -> int | None:
    if not name or not name.strip():
        return None
    try:
        return resolve(db, name, index=names).company_id
    except ValueError:
        return None


def _registered_id(db: sqlite_utils.Database, name: str | None) -> int | None:
    """The registry entry a name is already an alias of; an unknown name is not added (buyers are not rated)."""
    return lookup(db, name) if name and name.strip() else None


def lot_numbers(lots: list[Any]) -> list[int]:
    """Lot numbers as integers: the written ones (包1, 第2标段 → 1, 2) when each has distinct digits, else 1, 2, …"""
    written = [re.search(r"\d+", str(getattr(lot, "lot_no", None) or "")) for lot in lots]
    numbers = [int(match.group(0)) for match in written if match]
    if len(numbers) == len(lots) and len(set(numbers)) == len(numbers):
        return numbers
    return list(range(1, len(lots) + 1))


def _write_facts(
    db: sqlite_utils.Database, loaded: Loaded, prediction: Prediction, version: str, names: AliasIndex
) -> dict[str, int]:
    """Replace the document's bulletin_facts and lots; returns winner name → company id."""
    facts, document_id = loaded.doc.facts, loaded.row["id"]
    buyer = getattr(facts, "buyer", None)
    fields = {
        "document_id": document_id,
        "notice_type": getattr(facts, "notice_type", None) or "other",
        "title": getattr(facts, "title", None) or loaded.row.get("title"),
        "project_code": getattr(facts, "project_code", None),
        "buyer": buyer,
        "buyer_company_id": _registered_id(db, buyer),
        "agency": getattr(facts, "agency", None),
        "published": getattr(facts, "published", None) or loaded.row.get("published"),
        "budget_yuan": getattr(facts, "budget_yuan", None),
        "label": prediction.label,
        "score": prediction.score,
        "cloud_related": int(prediction.cloud_related),
        "model_version": version,
        "extracted_at": now(),
    }
    db.execute(
        f"INSERT INTO bulletin_facts ({', '.join(fields)}) VALUES ({', '.join(':' + k for k in fields)})"
        f" ON CONFLICT (document_id) DO UPDATE SET {', '.join(f'{k} = excluded.{k}' for k in fields)}",
        fields,
    )
    db.execute("DELETE FROM lots WHERE document_id = ?", [document_id])
    winners: dict[str, int] = {}
    lots = list(getattr(facts, "lots", None) or [])
    for number, lot in zip(lot_numbers(lots), lots, strict=True):
        company_id = _company_id(db, lot.winner, names)
        if company_id is not None:
            winners[lot.winner] = company_id
        db.execute(
            "INSERT INTO lots (document_id, lot_no, lot_name, winner, winner_company_id, amount_yuan,"
            " amount_raw, rate) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [document_id, number, lot.lot_name, lot.winner, company_id, lot.amount_yuan,
             lot.amount_raw, lot.rate],
        )
    return winners


def flags_for(
    db: sqlite_utils.Database, loaded: Loaded, prediction: Prediction, winners: dict[str, int]
) -> list[tuple[RuleFlag, float]]:
    """The evidence candidates of one document: its label when not `none` (the model labels a violation when
    the probability of one reaches `violation_threshold`), then the rules' red flags."""
    facts = loaded.doc.facts
    flags: list[tuple[RuleFlag, float]] = []
    if prediction.label != "none":
        how = f"rule: {prediction.rule}" if prediction.rule else "model"
        reason = f"{prediction.label} ({how}, p={prediction.score:.2f})"
        flags.append((RuleFlag(prediction.label, reason, ()), prediction.score))
    lot = headline_lot(facts, "zero_price_bid")
    winner = getattr(lot, "winner", None)
    on = getattr(facts, "published", None) or loaded.row.get("published")
    if getattr(facts, "notice_type", None) == "award":
        licence = licence_flag(
            db, company_id=winners.get(winner or ""), winner=winner, cloud_related=prediction.cloud_related, on=on
        )
        rule_flags = price_flags(facts) + ([licence] if licence else [])
        taken = {flag.violation_type for flag, _ in flags}
        for flag in rule_flags:
            if flag.violation_type not in taken:
                flags.append((flag, max(prediction.score, RULE_FLAG_SCORE)))
                taken.add(flag.violation_type)
    return flags


def evidence_for(
    db: sqlite_utils.Database, loaded: Loaded, prediction: Prediction, version: str, cluster_id: str,
    winners: dict[str, int], names: AliasIndex,
) -> list[dict[str, Any]]:
    """The document's evidence candidates (`flags_for`) as `record_flag` arguments: the firm is the winner, else
    the firm the text is about (`firm_in_text`, as `cloudcredit classify` reports it), resolved in the registry."""
    facts, found = loaded.doc.facts, []
    for flag, score in flags_for(db, loaded, prediction, winners):
        lot = headline_lot(facts, flag.violation_type)
        winner = getattr(lot, "winner", None)
        sentences = trigger_sentences(loaded.doc.text, flag.violation_type,
                                      (winner or "", getattr(lot, "amount_raw", None) or ""))
        company = winner or firm_in_text(loaded.doc.text, flag.violation_type)
        found.append({
            "document_id": loaded.row["id"],
            "violation_type": flag.violation_type,
            "score": min(max(score, 0.0), 1.0),
            "model_version": version,
            "company_id": winners.get(company) if company in winners else _company_id(db, company, names),
            "company_name": company,
            "reason": flag.reason,
            "triggers": list(flag.triggers) + sentences,
            "winner": winner,
            "amount_yuan": getattr(lot, "amount_yuan", None),
            "budget_yuan": getattr(facts, "budget_yuan", None),
            "buyer": getattr(facts, "buyer", None),
            "cluster_id": cluster_id,
            "occurred_on": getattr(facts, "published", None) or loaded.row.get("published"),
        })
    return found


def write_chunk(
    db: sqlite_utils.Database,
    results: list[tuple[Loaded, Prediction]],
    version: str,
    clusterer: Clusterer,
    names: AliasIndex,
) -> list[int]:
    """Store a chunk of analysed documents in one transaction; returns how many evidence rows each touched.

    Document by document: the cluster, facts, lots and registry entries. Then the documents' texts and the
    evidence, which feed full-text indexes, for the whole chunk at once (`store.db.update_rows`,
    `evidence.records.record_flags`): written row by row, each would leave its own index segment.
    """
    documents: list[dict[str, Any]] = []
    flags: list[dict[str, Any]] = []
    touched = []
    with transaction(db):
        for loaded, prediction in results:
            cluster_id = clusterer.assign(loaded.row["id"], loaded.signature)
            winners = _write_facts(db, loaded, prediction, version, names)
            documents.append({"id": loaded.row["id"], "clean_text": loaded.clean_text, "analyzed_at": now(),
                              "model_version": version, "cluster_id": cluster_id})
            found = evidence_for(db, loaded, prediction, version, cluster_id, winners, names)
            flags.extend(found)
            touched.append(len(found))
        update_rows(db, "documents", documents)
        record_flags(db, flags)
    return touched


_worker_state: tuple[Path, Model] | None = None


def _start_worker(base: Path, model: Model, parent: int) -> None:
    global _worker_state
    _worker_state = (base, model)
    gc.freeze()  # what the worker inherited (the model above all) is never garbage: keep the collector off it
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """End this worker once its parent is gone (killed with -9, say), instead of waiting for work forever."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _prepare_in_worker(rows: list[dict[str, Any]]) -> Prepared:
    assert _worker_state is not None, "worker not started"
    return prepare(rows, *_worker_state)


def chunks(batches: Iterator[list[dict[str, Any]]], total: int, workers: int) -> Iterator[list[dict[str, Any]]]:
    """The pending rows in units of work: big while much is left (each call to the classifier, each hand-over
    to a worker and each transaction has a fixed cost), smaller towards the end so that the workers finish
    together (guided scheduling: a quarter of each worker's share of what is left, within MIN_CHUNK–MAX_CHUNK)."""
    rows, remaining = chain.from_iterable(batches), total
    while unit := list(islice(rows, max(MIN_CHUNK, min(MAX_CHUNK, remaining // (4 * workers))))):
        yield unit
        remaining -= len(unit)


def _in_order(chunks: Iterator[list[dict[str, Any]]], submit: Callable[[list[dict[str, Any]]], Future],
              ahead: int) -> Iterator[Prepared]:
    """Results of `submit(chunk)` in chunk order, keeping up to `ahead` chunks in the works."""
    waiting: deque[Future] = deque()
    for chunk in chunks:
        waiting.append(submit(chunk))
        if len(waiting) > ahead:
            yield waiting.popleft().result()
    while waiting:
        yield waiting.popleft().result()


def default_workers() -> int:
    """One worker process per core the process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def analyze(
    db: sqlite_utils.Database,
    db_path: str | Path,
    *,
    reanalyze: bool = False,
    batch_size: int = 200,
    progress: bool = True,
    model: Model | None = None,
    workers: int | None = None,
) -> AnalyzeStats:
    """Analyse pending documents (all with `reanalyze`) in batches; returns what was done.

    With `workers` > 1 (default: one per core), documents are read and classified in that many forked
    worker processes; 1 does everything in this process. Results are the same either way.
    """
    if batch_size < 1:
        raise ValueError("batch size must be at least 1")
    workers = default_workers() if workers is None else workers
    if workers < 1:
        raise ValueError("workers must be at least 1")
    model = model or current_model()
    base = data_dir(db_path)
    clusterer = Clusterer(db)
    names = AliasIndex(db)
    stats = AnalyzeStats()
    started = time.perf_counter()
    total = pending_count(db, model.version, reanalyze)
    units = chunks(pending_batches(db, model.version, reanalyze=reanalyze, batch_size=batch_size), total, workers)
    pool = None
    if workers > 1 and total > MIN_CHUNK:
        warm_up(model)
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_start_worker, initargs=(base, model, os.getpid()))
        prepared = _in_order(units, partial(pool.submit, _prepare_in_worker), ahead=2 * workers)
    else:
        prepared = (prepare(chunk, base, model) for chunk in units)
    columns = (TextColumn("analyze"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    try:
        # No refresh thread (auto_refresh off): the workers are forked from this process as it goes.
        with Progress(*columns, disable=not progress, transient=True, auto_refresh=False) as bar:
            task = bar.add_task("analyze", total=total)
            for result in prepared:
                stats.failed += len(result.failures)
                stats.failures.update(result.failures)
                touched = write_chunk(db, result.items, model.version, clusterer, names)
                stats.analyzed += len(touched)
                stats.evidence += sum(touched)
                stats.flagged += sum(1 for count in touched if count)
                bar.advance(task, len(result.items) + len(result.failures))
                bar.refresh()
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    stats.seconds = time.perf_counter() - started
    return stats
