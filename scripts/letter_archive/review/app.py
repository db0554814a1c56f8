"""`letters review`: a local web app for one editor, at http://127.0.0.1:<port>/.

Inbox (every document, those with errors or doubts first), import by drop, a document's text beside
its record (click a field: its lines light up), a form per field that writes only that key into the
document's sidecar, the page as it will be published, and look-alike signatories to confirm.

Safe by default, since a page on any web site can send requests to 127.0.0.1:
- it listens on 127.0.0.1 only, and answers 403 to any Host header but its own (DNS rebinding: a
  hostile name that resolves to 127.0.0.1 would otherwise read the pages, token and all);
- every write carries the random token issued at start (in a form field or the X-Token header), and
  a request whose Origin is another site is refused (CSRF);
- it writes only inside letters/ and data/: names are resolved, `..` and links that lead out refused;
- each form carries the hash of the file it changes as the page showed it: if another tab saved it
  since, nothing is written and the editor's value is shown back to them;
- every write goes to a temporary file and is renamed over the old one (yamlio.atomic_write);
- every value from a letter goes through Jinja's autoescape.
Only the standard library's http.server serves it (one editor, a few requests a minute)."""

from __future__ import annotations

import contextlib
import email.parser
import email.policy
import functools
import hmac
import http.server
import mimetypes
import posixpath
import re
import secrets
import subprocess
import sys
import tempfile
import threading
import webbrowser
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from ruamel.yaml import YAMLError

from ..archive import Document, load, outside
from ..cache import ExtractionCache
from ..data import use_archive
from ..errors import LetterError
from ..extract import extract
from ..link.identities import resolve, suggestions
from ..model import ADDRESSEE_KINDS
from ..readers import SUFFIXES, read_document
from ..readers.binary import page_label
from . import corrections, identities
from .preview import Previewer
from .yamlio import file_hash

TEMPLATES = Path(__file__).parent / "templates"
MAX_UPLOAD = 60 * 1024 * 1024      # the largest document letters/ takes (a 50 MB PDF) and the form around it
MAX_FORM = 2 * 1024 * 1024         # a form of corrections: 5,000 signatories fit
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
    # same-origin, not no-referrer: under no-referrer the app's own forms send `Origin: null`
    "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class Forbidden(Exception):
    """A request the app refuses: 403 with the reason."""


class Conflict(Exception):
    """The file changed since the page was shown: 409, nothing written."""


@dataclass
class App:
    root: Path
    port: int = 0
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    previewer: Previewer | None = None
    env: Environment = field(default_factory=lambda: Environment(
        loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True), trim_blocks=True,
        lstrip_blocks=True))

    def __post_init__(self) -> None:
        self.root = self.root.resolve()
        self.previewer = self.previewer or Previewer(self.root)

    def page(self, template: str, **context) -> bytes:
        return self.env.get_template(template).render(token=self.token, **context).encode("utf-8")

    # --- where the app may write -------------------------------------------------------------------

    def confined(self, rel: str, top: str) -> Path:
        """`rel` ('letters/x.txt') as a path inside root/top, or Forbidden: no absolute names, no `..`, no
        link (or linked folder) that leads out."""
        parts = rel.replace("\\", "/").split("/")
        if not rel or rel.startswith("/") or ".." in parts or parts[0] != top or any(p in ("", ".") for p in parts):
            raise Forbidden(f"{rel!r} is not a file in {top}/")
        base = (self.root / top).resolve()
        if not base.is_relative_to(self.root):
            raise Forbidden(f"{top}/ is a link out of the archive")
        path = self.root / rel
        if not path.resolve().is_relative_to(base) or (path.is_symlink()):
            raise Forbidden(f"{rel} leads out of {top}/")
        return path

    def document(self, rel: str) -> Path:
        path = self.confined(rel, "letters")
        if path.suffix.lower() not in SUFFIXES or not path.is_file():
            raise Forbidden(f"{rel} is no document of letters/")
        if outside(path, self.root / "letters"):
            raise Forbidden(f"{rel} leads out of letters/")
        return path

    # --- what the pages show -----------------------------------------------------------------------

    def inbox(self, message: str = "") -> bytes:
        use_archive(self.root)
        docs = load(self.root, cache=ExtractionCache(self.root))
        rows = sorted((inbox_row(d) for d in docs), key=lambda r: (r["rank"], r["file"]))
        return self.page("inbox.html", rows=rows, message=message,
                         counts={k: sum(1 for r in rows if r["rank"] == i) for i, k in enumerate(("errors", "doubts"))})

    def review(self, rel: str, saved: str = "", notice: str = "") -> bytes:
        use_archive(self.root)
        path = self.document(rel)
        source = read_document(path, rel)
        extraction = extract(source)
        doc = Document(rel, path, extraction, None, source.raw)
        lines = numbered_lines(source.text, extraction.origin.get("page_starts"))
        sources = field_sources(extraction, len(lines))
        doubted = {corrections.field_of(d.field): d.why for d in extraction.doubts}
        order = sorted(corrections.FIELDS, key=lambda f: (f not in doubted, corrections.FIELDS.index(f)))
        after = corrections.field_problems(extraction, saved) if saved else None
        sidecar = corrections.sidecar_path(path)
        return self.page("review.html", doc=doc, rel=rel, lines=lines, fields=order, labels=corrections.LABELS,
                         doubted=doubted, sources=sources, values=corrections.rows_of(extraction.record),
                         problems=extraction.problems, saved=saved, after=after, notice=notice,
                         sidecar=sidecar.relative_to(self.root).as_posix(), sidecar_hash=file_hash(sidecar),
                         binary=bool(extraction.origin.get("format")), kinds=corrections.KINDS, addressee_kinds=ADDRESSEE_KINDS)

    def look_alikes(self, message: str = "") -> bytes:
        use_archive(self.root)
        docs = load(self.root, cache=ExtractionCache(self.root))
        names = [n.name for d in docs if d.ok for n in d.record.signatories.names]
        pairs = [p for p in suggestions(resolve(names)) if not identities.distinct(p[0], p[1])]
        aliases = self.root / "data" / identities.ALIASES
        return self.page("identities.html", pairs=pairs, message=message, aliases_hash=file_hash(aliases))

    # --- what the forms write ----------------------------------------------------------------------

    def save(self, form: dict[str, list[str]]) -> str:
        """Saves one field; returns the review page's address to go to."""
        rel, name = first(form, "file"), first(form, "field")
        path = self.document(rel)
        if name not in corrections.FIELDS:
            raise Forbidden(f"{name!r} is not a field this page corrects")
        value = corrections.form_value(name, form)
        typed = corrections.typed(name, value)
        with self.write_lock:
            sidecar = corrections.sidecar_path(path)
            self.confined(sidecar.relative_to(self.root).as_posix(), "letters")
            if file_hash(sidecar) != first(form, "sidecar_hash"):
                raise Conflict(f"{sidecar.relative_to(self.root).as_posix()} was saved (in another tab or window, or "
                               "by hand) after this page was opened, so your correction was not written")
            source = read_document(path, rel)
            if corrections.unchanged(extract(source).record, name, typed):
                return f"/letter?file={quote(rel)}&notice={quote(f'{corrections.LABELS[name]}: nothing changed, nothing saved')}"
            corrections.save(path, name, value)
        return f"/letter?file={quote(rel)}&saved={quote(name)}#field-{name}"

    def decide(self, form: dict[str, list[str]]) -> str:
        a, b, decision = first(form, "a"), first(form, "b"), first(form, "decision")
        data = self.confined("data", "data") if (self.root / "data").is_dir() else None
        if data is None or not a or not b or a == b:
            raise Forbidden("two names and data/ are needed")
        with self.write_lock:
            aliases = self.confined(f"data/{identities.ALIASES}", "data")
            self.confined(f"data/{identities.DISTINCT}", "data")
            if file_hash(aliases) != first(form, "aliases_hash"):
                raise Conflict(f"data/{identities.ALIASES} was saved after this page was opened; nothing was written")
            if decision == "same-a":
                identities.same(data, a, b)
            elif decision == "same-b":
                identities.same(data, b, a)
            elif decision == "different":
                identities.different(data, a, b)
            else:
                raise Forbidden("decide: same-a, same-b or different")
        said = {"same-a": f"“{b}” is now a spelling of “{a}”", "same-b": f"“{a}” is now a spelling of “{b}”",
                "different": f"“{a}” and “{b}” are different signatories"}[decision]
        return f"/identities?message={quote(said)}"

    def import_file(self, name: str, content: bytes) -> tuple[str | None, str]:
        """Through `letters import` itself (the same code, checks and messages): (the new document's name, what it said)."""
        safe = re.sub(r"[^\w.\- ]", "_", Path(name.replace("\\", "/")).name).strip(". ") or "letter.txt"
        with tempfile.TemporaryDirectory(prefix="letters-import-") as folder, self.write_lock:
            src = Path(folder) / safe
            src.write_bytes(content)
            proc = subprocess.run([sys.executable, "-c", "import sys; from letter_archive.cli import main; sys.exit(main())",
                                   "import", str(src), "--root", str(self.root)], capture_output=True, text=True, timeout=300)
        said = (proc.stdout + proc.stderr).replace(str(src), safe).replace(folder, "")
        m = re.search(r" as (letters/\S+?), byte for byte", proc.stdout)
        return (m.group(1) if proc.returncode == 0 and m else None), said


def first(form: dict[str, list[str]], key: str) -> str:
    return (form.get(key) or [""])[0]


def inbox_row(doc: Document) -> dict:
    """One line of the inbox: rank 0 errors, 1 doubts, 2 warnings, 3 nothing to look at."""
    if doc.extraction is None:
        return {"file": doc.rel, "title": "", "date": "", "addressee": "", "signatories": "", "rank": 0,
                "wrong": str(doc.error.message if doc.error else "cannot be read")}
    rec, ex = doc.extraction.record, doc.extraction
    errors = [p for p in ex.problems if p.level == "error"]
    warnings = [p for p in ex.problems if p.level == "warning"]
    rank = 0 if errors else 1 if ex.doubts else 2 if warnings else 3
    wrong = (f"{errors[0].field}: {errors[0].message}" if errors else f"check {ex.doubts[0].field}: {ex.doubts[0].why}"
             if ex.doubts else f"{warnings[0].field}: {warnings[0].message}" if warnings else "")
    more = len(errors) + len(ex.doubts) + len(warnings) - (1 if wrong else 0)
    s = rec.signatories
    return {"file": doc.rel, "title": rec.title or "", "date": rec.date or "",
            "addressee": rec.addressees[0].name if rec.addressees else ", ".join(rec.governments),
            "signatories": s.listed or (s.claimed if s.claimed is not None else ""), "rank": rank,
            "wrong": wrong + (f" (+{more} more)" if more > 0 else "")}


def numbered_lines(text: str, page_starts: list[int] | None) -> list[dict]:
    """The text as received (a binary document: as read), one row per line with its number and, in a paged
    document, its page label."""
    out = []
    for no, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        out.append({"no": no, "text": line, "label": page_label(page_starts, no) if page_starts else f"{no}"})
    return out


def field_sources(extraction, n_lines: int) -> dict[str, dict]:
    """For each field: the lines of the text it was read from (to light up) and where, in words."""
    text = extraction.text
    out: dict[str, dict] = {}
    starts = extraction.origin.get("page_starts")

    def where(no: int) -> str:
        return page_label(starts, no) if starts else f"line {no}"

    for name in corrections.FIELDS:
        at = extraction.lines.get(name)
        if isinstance(at, str):
            out[name] = {"lines": [], "where": f"corrected in {at}" if "yaml" in at or "front matter" in at else at}
        elif isinstance(at, int):
            out[name] = {"lines": [at], "where": where(at)}
        else:
            out[name] = {"lines": [], "where": ""}
    span = extraction.signature_span
    if span and not isinstance(extraction.lines.get("signatories"), str):
        nos = [x.no for x in text[span[0]: span[1]] if x.no]
        out["signatories"] = {"lines": nos, "where": f"{where(nos[0])} to {where(nos[-1])}" if nos else ""}
    if not isinstance(extraction.lines.get("demands"), str):
        nos = []
        for demand in extraction.record.demands:
            key = " ".join(demand.split())[:40]
            hit = next((x.no for x in text if x.no and key and key in " ".join(x.text.split())), None)
            if hit and hit not in nos:
                nos.append(hit)
        if nos:
            out["demands"]["lines"] = sorted(set(out["demands"]["lines"]) | set(nos))
    return out


class Handler(http.server.BaseHTTPRequestHandler):
    app: App
    server_version = "letters-review"
    sys_version = ""

    def log_message(self, format: str, *args) -> None:   # quiet: the terminal is the editor's
        pass

    # --- plumbing ----------------------------------------------------------------------------------

    def send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", headers: dict | None = None) -> None:
        self.send_response(status)
        for key, value in {**SECURITY_HEADERS, "Content-Type": ctype, "Content-Length": str(len(body)),
                           **(headers or {})}.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def redirect(self, where: str) -> None:
        self.send(303, b"", headers={"Location": where})

    def refuse(self, status: int, reason: str) -> None:
        self.send(status, self.app.page("message.html", title="Refused" if status == 403 else "Not saved",
                                        message=reason, status=status))

    def host_ok(self) -> bool:
        host = (self.headers.get("Host") or "").lower()
        return host in (f"127.0.0.1:{self.app.port}", f"localhost:{self.app.port}")

    def origin_ok(self) -> bool:
        origin = self.headers.get("Origin")
        return origin is None or origin in (f"http://127.0.0.1:{self.app.port}", f"http://localhost:{self.app.port}")

    def token_ok(self, form: dict[str, list[str]]) -> bool:
        given = self.headers.get("X-Token") or first(form, "token")
        return bool(given) and hmac.compare_digest(given.encode(), self.app.token.encode())

    def body(self, limit: int) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        if length > limit:
            raise Forbidden(f"the request is larger than {limit // (1024 * 1024)} MB")
        return self.rfile.read(length)

    def handle_one_request(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle_one_request()

    # --- GET -----------------------------------------------------------------------------------------

    def do_GET(self) -> None:
        if not self.host_ok():
            return self.refuse(403, "This address is not the review app's own (the Host header names another site).")
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        try:
            if url.path == "/":
                return self.send(200, self.app.inbox(first(query, "message")))
            if url.path == "/letter":
                return self.send(200, self.app.review(first(query, "file"), first(query, "saved"), first(query, "notice")))
            if url.path == "/identities":
                return self.send(200, self.app.look_alikes(first(query, "message")))
            if url.path == "/preview":
                rel = first(query, "file")
                path = self.app.document(rel)
                use_archive(self.app.root)
                source = read_document(path, rel)
                doc = Document(rel, path, extract(source), None, source.raw)
                return self.redirect("/preview/" + self.app.previewer.render(doc))
            if url.path.startswith("/preview/"):
                return self.static(url.path[len("/preview/"):])
        except Forbidden as reason:
            return self.refuse(403, str(reason))
        except LetterError as error:
            return self.refuse(422, str(error))
        self.send(404, self.app.page("message.html", title="Not found", message="There is no such page.", status=404))

    do_HEAD = do_GET

    def static(self, rel: str) -> None:
        """A file of the preview folder (the letter's page, the theme's CSS and scripts)."""
        clean = posixpath.normpath("/" + rel).lstrip("/")
        base = self.app.previewer.site.resolve()
        path = (base / clean).resolve()
        if rel.endswith("/") or not clean or clean == ".":
            path = path / "index.html"
        if not path.is_relative_to(base) or not path.is_file():
            return self.send(404, b"not found", "text/plain")
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.send(200, path.read_bytes(), ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))

    # --- POST ----------------------------------------------------------------------------------------

    def do_POST(self) -> None:
        if not self.host_ok():
            return self.refuse(403, "This address is not the review app's own (the Host header names another site).")
        if not self.origin_ok():
            return self.refuse(403, "A page of another site sent this request; nothing was written.")
        url = urlsplit(self.path)
        try:
            if url.path == "/import":
                form, upload = self.multipart()
                if not self.token_ok(form):
                    raise Forbidden("The request carries no valid token (open the review app again from its own "
                                    "address); nothing was written.")
                if upload is None:
                    return self.redirect("/?message=" + quote("Choose a file to import."))
                rel, said = self.app.import_file(*upload)
                if rel is None:
                    return self.send(400, self.app.page("message.html", title="Not imported", message=said, status=400))
                return self.redirect(f"/letter?file={quote(rel)}&notice={quote(said.splitlines()[0])}")
            form = parse_qs(self.body(MAX_FORM).decode("utf-8", "replace"), keep_blank_values=True)
            if not self.token_ok(form):
                raise Forbidden("The request carries no valid token (open the review app again from its own address); "
                                "nothing was written.")
            if url.path == "/save":
                return self.redirect(self.app.save(form))
            if url.path == "/identities":
                return self.redirect(self.app.decide(form))
        except Forbidden as reason:
            return self.refuse(403, str(reason))
        except Conflict as reason:
            return self.send(409, self.app.page("message.html", title="Not saved: the file changed", status=409,
                                                message=f"{reason}. Nothing was lost: the file keeps what was saved "
                                                "first, and here is what you wrote, to enter again after reloading.",
                                                form=form, back=first(form, "file")))
        except corrections.Refused as reason:
            return self.send(422, self.app.page("message.html", title="Not saved", message=str(reason), status=422,
                                                form=form, back=first(form, "file")))
        except (LetterError, YAMLError) as error:
            return self.send(422, self.app.page("message.html", title="Not saved", status=422, back=first(form, "file"),
                                                message=f"The corrections file cannot be read, so nothing was written: {error}"))
        self.send(404, self.app.page("message.html", title="Not found", message="There is no such form.", status=404))

    def multipart(self) -> tuple[dict[str, list[str]], tuple[str, bytes] | None]:
        """The import form: its text fields, and the file (name, bytes)."""
        ctype = self.headers.get("Content-Type", "")
        if not ctype.startswith("multipart/form-data"):
            raise Forbidden("the import form is sent as multipart/form-data")
        raw = self.body(MAX_UPLOAD)
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"Content-Type: {ctype}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1") + raw)
        form: dict[str, list[str]] = {}
        upload = None
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            filename = part.get_filename()
            payload = part.get_payload(decode=True) or b""
            if filename:
                upload = (filename, payload)
            elif name:
                form.setdefault(name, []).append(payload.decode("utf-8", "replace"))
        return form, upload


def make_server(root: Path, port: int = 8765) -> tuple[http.server.ThreadingHTTPServer, App]:
    """The server on 127.0.0.1 only (never another interface), and its app; `port` 0: any free port."""
    use_archive(root)
    app = App(root)
    handler = type("BoundHandler", (Handler,), {"app": app})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    app.port = server.server_port
    return server, app


def serve(root: Path, port: int = 8765, open_browser: bool = True) -> int:
    """Run the app until Ctrl-C."""
    server, app = make_server(root, port)
    url = f"http://127.0.0.1:{app.port}/"
    print(f"letters review: {url}  (this computer only; Ctrl-C to stop)", flush=True)
    if open_browser:
        threading.Thread(target=functools.partial(webbrowser.open, url), daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        app.previewer.close()
    return 0
