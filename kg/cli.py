"""The `kg` command: one group; each command parses its options, calls one `kg` function and
formats the result. Errors are one line on stderr and a non-zero exit, never a traceback."""
from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from kg.errors import KGError

log = logging.getLogger("kg")

STORE_HELP = "Store: a folder (embedded Oxigraph), ':memory:', or an http(s) SPARQL endpoint. " \
             "Default: $PMKG_STORE or ./pmkg-store."


def store_option(f):
    return click.option("--store", "store_location", default=None, metavar="PATH|URL", help=STORE_HELP)(f)


def _open(location: str | None):
    from kg.store import open_store

    return open_store(location)


def _run_batch(steps: Iterator, total: int, quiet: bool, label: str, summary) -> None:
    """Drive a batch: a progress bar on stderr unless quiet, one line per failure, a summary line,
    and exit status 1 if any file failed."""
    bar = None
    if not quiet and total > 1:
        from tqdm import tqdm

        bar = tqdm(total=total, desc=label, unit="file", file=sys.stderr, leave=False)
    try:
        for step in steps:
            if step.status == "failed":
                message = f"error: {step.message}"
                if bar is not None:
                    bar.write(message, file=sys.stderr)
                else:
                    click.echo(message, err=True)
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    if not quiet or summary.failed:
        click.echo(summary.line(), err=True)
    if summary.failed:
        sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(package_name="pmkg")
def main(verbose: int) -> None:
    """pmkg: build and query a knowledge graph of business-environment reform bulletins.

    \b
    Example:
        kg build bulletins/*.pdf -o graph.ttl
        kg ingest bulletins/ && kg stats --json
    """
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG), format="%(levelname)s %(name)s: %(message)s")


def _expand_inputs(inputs: tuple[str, ...]) -> list[Path]:
    """Files as given; folders expanded to the supported files inside them (sorted)."""
    from kg.read import SUFFIXES

    out: list[Path] = []
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES))
        else:
            out.append(p)
    return out


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Graph file to write; its suffix picks the format (.ttl .nt .nq .trig .jsonld).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
def build(inputs: tuple[str, ...], output: str, quiet: bool) -> None:
    """Build a fresh graph from INPUTS (files or folders) and write it to a file.

    \b
    Example:
        kg build examples/pingdingshan-2022-42.txt -o out.ttl
    """
    from kg.export import format_for_suffix
    from kg.pipeline import Summary, build as run

    format_for_suffix(output)  # fail before the work on an unknown suffix
    files = _expand_inputs(inputs)
    summary = Summary()
    _run_batch(run(files, output, summary), len(files), quiet, "build", summary)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@store_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
@click.option("-w", "--workers", type=click.IntRange(min=0), default=1, show_default=True,
              help="Processes that read and extract in parallel (0: one per core); writes stay in one.")
@click.option("--compact", "then_compact", is_flag=True,
              help="Then repack the store into a fresh, smaller copy (as `kg compact`).")
def ingest(inputs: tuple[str, ...], store_location: str | None, quiet: bool, workers: int,
           then_compact: bool) -> None:
    """Add files (or folders of files) to the store; unchanged files are skipped.

    \b
    Example:
        kg ingest bulletins/ --store ./pmkg-store
        kg ingest bulletins/ --workers 0 --compact
    """
    from kg.pipeline import Summary, ingest as run

    files = _expand_inputs(inputs)
    summary = Summary()
    status = 0
    with _open(store_location) as store:
        try:
            _run_batch(run(files, store, summary, workers=workers), len(files), quiet, "ingest", summary)
        except SystemExit as e:  # some files failed; what was stored is still worth compacting
            status = e.code
        if then_compact:
            _report_compaction(store, store.compact())
    if status:
        sys.exit(status)


def _report_compaction(store, result) -> None:
    if result is None:
        click.echo(f"{store.location}: nothing to compact (only an on-disk store is repacked)", err=True)
    else:
        click.echo(f"compacted {store.location}: {result.line()}", err=True)


@main.command()
@click.argument("query")
@store_option
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind a named query's parameter.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--limit", type=int, default=10000, show_default=True, help="Row limit.")
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Time limit in seconds.")
def query(query: str, store_location: str | None, params: tuple[str, ...], fmt: str, limit: int,
          timeout: float) -> None:
    """Run a read-only SPARQL query: its text, a .rq file, or a named query.

    \b
    Example:
        kg query adopters-of-measure --param measure=远程异地评标
        kg query "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }" --format json
    """
    from kg.query import format_result, run_query

    bound = {}
    for p in params:
        name, sep, value = p.partition("=")
        if not sep:
            raise click.BadParameter(f"expected NAME=VALUE, got {p!r}", param_hint="--param")
        bound[name.strip()] = value
    with _open(store_location) as store:
        result = run_query(store, query, bound, timeout_s=timeout, limit=limit)
        click.echo(format_result(result, fmt))


@main.command()
@click.option("--format", "fmt", required=True,
              help="ttl nt nq trig jsonld (RDF); graphml gexf (networkx, Gephi); neo4j; csv xlsx (tables).")
@click.option("-o", "--output", required=True, type=click.Path(),
              help="File to write (csv and neo4j: a .zip, or a folder).")
@store_option
def export(fmt: str, output: str, store_location: str | None) -> None:
    """Export the whole store to a file.

    \b
    Example:
        kg export --format trig -o graph.trig
    """
    from kg.export import export as run

    with _open(store_location) as store:
        run(store, Path(output), fmt)
    click.echo(f"wrote {output}", err=True)


@main.command()
@click.argument("graph_file", required=False, type=click.Path(dir_okay=False))
@store_option
def validate(graph_file: str | None, store_location: str | None) -> None:
    """Check a graph file (or the store) against the SHACL shapes in ontology/shapes.ttl.

    \b
    Example:
        kg validate out.ttl
    """
    from kg.validate import validate_file, validate_store

    if graph_file:
        report = validate_file(Path(graph_file))
    else:
        with _open(store_location) as store:
            report = validate_store(store)
    if report.conforms:
        click.echo("conforms")
        return
    click.echo(report.text, err=True)
    sys.exit(1)


@main.command()
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stats(store_location: str | None, as_json: bool) -> None:
    """Count triples, documents, items and entities in the store.

    \b
    Example:
        kg stats --json
    """
    with _open(store_location) as store:
        counts = store.stats()
    if as_json:
        click.echo(json.dumps(counts, ensure_ascii=False, sort_keys=True))
    else:
        for k, v in counts.items():
            click.echo(f"{k:12s} {v}")


@main.command()
@store_option
def compact(store_location: str | None) -> None:
    """Repack an on-disk store into a fresh copy: about half the bytes per quad.

    A store grown by many ingests keeps uncompressed files even after RocksDB's own compaction;
    this copies every quad into `<store>.compact-tmp` (written sorted and compressed), then
    swaps the folders. Needs free disk space for the copy and sole use of the store; a kill
    at any point loses nothing (the next open finishes or undoes it).

    \b
    Example:
        kg compact --store ./pmkg-store
    """
    from kg.store import open_store

    with open_store(store_location, must_exist=True) as store:
        _report_compaction(store, store.compact())


@main.command()
@click.argument("documents", nargs=-1, required=True)
@store_option
def remove(documents: tuple[str, ...], store_location: str | None) -> None:
    """Remove documents from the store, by file name or document IRI.

    \b
    Example:
        kg remove pingdingshan-2022-42.txt
    """
    from kg.pipeline import remove as run

    missing = False
    with _open(store_location) as store:
        for name, iris in run(store, documents):
            if not iris:
                click.echo(f"error: {name}: no such document in the store", err=True)
                missing = True
            for iri in iris:
                click.echo(f"removed {iri}", err=True)
    if missing:
        sys.exit(1)


@main.command()
@click.argument("iri")
@store_option
def explain(iri: str, store_location: str | None) -> None:
    """Print the sentences behind an entity or adoption, with the matched span marked.

    \b
    Example:
        kg explain https://w3id.org/pmkg/id/place/410400
    """
    from kg.explain import explain as run

    with _open(store_location) as store:
        lines = run(store, iri)
    if not lines:
        click.echo(f"error: {iri}: no evidence in the store", err=True)
        sys.exit(1)
    for line in lines:
        click.echo(line)


@main.command()
@store_option
@click.option("--port", type=int, default=8501, show_default=True)
def app(store_location: str | None, port: int) -> None:
    """Open the analyst app (Streamlit) on the store.

    \b
    Example:
        kg app --store ./pmkg-store
    """
    import subprocess

    env = dict(os.environ)
    if store_location:
        env["PMKG_STORE"] = store_location
    app_py = Path(__file__).resolve().parent.parent / "app.py"
    sys.exit(subprocess.call([sys.executable, "-m", "streamlit", "run", str(app_py),
                              "--server.port", str(port), "--server.headless", "true"], env=env))


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@store_option
def dump(file: str, store_location: str | None) -> None:
    """Write the whole store, every named graph, to FILE (.nq or .trig) as a backup.

    The store is opened read-only, so a dump can be taken while `kg ingest` writes; it holds
    the store as it was when the dump began.

    \b
    Example:
        kg dump backup-2025-05-01.nq --store ./pmkg-store
    """
    from kg.backup import dump as run
    from kg.store import open_store

    with open_store(store_location, read_only=True) as store:
        count = run(store, Path(file))
    click.echo(f"wrote {count} quads to {file}", err=True)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@store_option
@click.option("--replace", is_flag=True, help="Drop what the store holds first (else a non-empty store is refused).")
def restore(file: str, store_location: str | None, replace: bool) -> None:
    """Load a dump written by `kg dump` into the store, in one transaction.

    \b
    Example:
        kg restore backup-2025-05-01.nq --store ./restored-store
        kg restore backup-2025-05-01.nq --store ./pmkg-store --replace
    """
    from kg.backup import restore as run

    with _open(store_location) as store:
        count = run(store, Path(file), replace=replace)
    click.echo(f"restored {count} quads from {file}", err=True)


@main.command()
@store_option
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True,
              help="Port on 127.0.0.1 (0: any free port, printed on start).")
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Time limit per query, seconds.")
@click.option("--limit", type=click.IntRange(min=1), default=100_000, show_default=True,
              help="Row limit per query; longer results are cut (header X-PMKG-Truncated).")
@click.option("--reopen", type=click.FloatRange(min=0), default=0, show_default=True, metavar="SECONDS",
              help="Reopen the store this often to see what kg ingest wrote meanwhile (0: never).")
def serve(store_location: str | None, port: int, timeout: float, limit: int, reopen: float) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint at http://127.0.0.1:PORT/query.

    YASGUI, rdflib's SPARQLStore and other SPARQL clients can query it; updates and SERVICE
    are refused. The store is opened read-only, so `kg ingest` can write it meanwhile; the
    endpoint answers from the store as it was when opened (see --reopen). Stop it with Ctrl-C.

    \b
    Example:
        kg serve --store ./pmkg-store --port 7878
        curl -H 'Accept: text/csv' 'http://127.0.0.1:7878/query?query=ASK%7B%7D'
    """
    import signal

    from kg.serve import make_server

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    from kg.store import open_store

    with open_store(store_location, read_only=True) as store:
        server = make_server(store, port, timeout_s=timeout, limit=limit)
        if reopen:
            server.reopen_every(reopen, lambda: open_store(store_location, read_only=True))
        click.echo(f"serving {store.location} at {server.url} (Ctrl-C to stop)", err=True)
        signal.signal(signal.SIGTERM, stop)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            click.echo("stopped", err=True)
        finally:
            server.server_close()


@main.command()
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option("--items", type=click.IntRange(min=1), default=1000, show_default=True,
              help="News items to write, over about items/6 bulletins.")
@click.option("--seed", type=int, default=7, show_default=True, help="Same seed, same files.")
def synth(out_dir: str, items: int, seed: int) -> None:
    """Write synthetic bulletins (for benchmarks and load tests) into OUT_DIR.

    Newsletters in PDF-text and web shapes and single articles naming real places, agencies,
    officials and thesaurus measures; the people are invented.

    \b
    Example:
        kg synth /tmp/corpus --items 10000 --seed 7 && kg ingest /tmp/corpus --workers 0
    """
    import importlib.util

    # the generator lives with the benchmarks in the source tree, like app.py beside the package
    source = Path(__file__).resolve().parent.parent / "bench" / "synth.py"
    if not source.is_file():
        raise KGError(f"{source}: not found; kg synth needs a source checkout of pmkg")
    spec = importlib.util.spec_from_file_location("pmkg_bench_synth", source)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    files = module.generate(Path(out_dir), items, seed)
    click.echo(f"wrote {len(files)} files to {out_dir}", err=True)


def run() -> None:
    """Entry point that turns every pmkg error into one line and exit code 1."""
    try:
        main(standalone_mode=False)
    except KGError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
