"""Notices benchmark: import, render and queue, email delivery, letters.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        python bench/notices_bench.py --people 1000000 --emails 5000 --letters 40 --repeat 3 --write-report

Runs against a scratch PostgreSQL database (``bench_notices``, made and dropped here) with the
test settings. What is measured:

- **import**: ``people.importer.import_people`` of N scoped people on a breach with nobody on it
  (the COPY path: contact details encrypted and blind-indexed a chunk of whole columns at a time while
  psycopg's writer thread streams the chunk before);
- **queue**: ``sending.queue`` of one email campaign for all N (one Delivery row each);
- **render**: every person's notice built, personalised and rendered to text and HTML (the
  worker's work before handing a message to the channel), in one process per core, contact
  details decrypted from the database;
- **email**: ``sending.run`` of an email-only campaign to a local aiosmtpd server running in its
  own process (portal code issued, Delivery row marked sending then sent, one SMTP connection per
  batch);
- **letters**: ``sending.run`` of a letter-only campaign: a WeasyPrint PDF per person.

The heavy steps (import, queue, render) run once; email and letters are repeated and the median
is reported.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
# another name lets two runs share one server (and pool workers, started fresh, read it too)
DB = os.environ.get("NOTICES_BENCH_DB", "bench_notices")
TARGETS = {"import": 60.0, "render_queue": 300.0, "emails_per_s": 500.0, "pages_per_s": 20.0}


def _db_url(name: str) -> str:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    return base.rsplit("/", 1)[0] + "/" + name


def _recreate_db() -> None:
    import psycopg

    with psycopg.connect(_db_url("postgres"), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB}")
        conn.execute(f"CREATE DATABASE {DB}")


def _drop_db() -> None:
    import psycopg

    with psycopg.connect(_db_url("postgres"), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")


def _setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "breachdesk.web.settings_test"
    os.environ["DATABASE_URL"] = _db_url(DB)
    os.environ.setdefault("BREACHDESK_LOG_LEVEL", "WARNING")
    import django

    django.setup()


def people_frame(n: int, seed: int = 7):
    import random

    import polars as pl

    rng = random.Random(seed)
    first = ["Olivia", "Amelia", "Isla", "Ava", "Mia", "Noah", "Oliver", "George", "Arthur", "Leo",
             "Harriet", "Imran", "Jodie", "Priya", "Tomasz", "Siobhan", "Dylan", "Megan", "Rhys", "Cerys"]
    last = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
            "Khan", "Evans", "Thomas", "Roberts", "Walker", "Wright", "Hughes", "Edwards", "Green"]
    streets = ["High Street", "Station Road", "Church Lane", "Mill Lane", "Park Avenue", "Queens Road",
               "Canal Street", "Victoria Road", "Green Lane", "Manor Road"]
    postcodes = ["SW1A 1AA", "M1 1AE", "CF10 1AA", "EC1A 1BB", "B33 8TH", "LS1 4AP", "NE1 4ST", "BS1 4DJ",
                 "EH1 1YZ", "G1 1XQ", "L1 8JQ", "NG1 5FW"]
    cols = {k: [] for k in ("person_id", "name", "email", "address", "postcode", "nino", "sort_code",
                            "account_number", "child", "special_category", "categories")}
    for i in range(n):
        a, b = rng.choice(first), rng.choice(last)
        ni, bank, special = rng.random() < 0.3, rng.random() < 0.2, rng.random() < 0.1
        cols["person_id"].append(f"S{i:07d}")
        cols["name"].append(f"{a} {b}")
        cols["email"].append(f"{a.lower()}.{b.lower()}{i}@example.org" if rng.random() > 0.08 else None)
        cols["address"].append(f"{i % 300 + 1} {streets[i % len(streets)]}")
        cols["postcode"].append(rng.choice(postcodes))
        cols["nino"].append("QQ123456C" if ni else None)
        cols["sort_code"].append("12-34-56" if bank else None)
        cols["account_number"].append("12345678" if bank else None)
        cols["child"].append(rng.random() < 0.05)
        cols["special_category"].append(special)
        cols["categories"].append(["Basic personal identifiers"] + (["Health data"] if special else [])
                                  + (["Official documents"] if ni else []))
    return pl.DataFrame(cols).with_columns(phone=pl.lit(None, pl.String), dob=pl.lit("1980-02-03"),
                                           criminal_offence=pl.lit(False), records=pl.lit(1))


def _breach(tag: str):
    from django.utils import timezone

    from breachdesk.web.accounts.models import Organisation, User
    from breachdesk.web.breaches import services

    org = Organisation.objects.filter(name="Bench Council").first() or Organisation.objects.create(
        name="Bench Council", sector="Local government", reference_prefix="BEN")
    user = User.objects.filter(email="dpo@bench.example").first() or User.objects.create_user(
        "dpo@bench.example", "bench password 2026 long", organisation=org, role="dpo")
    breach = services.report_incident(user, title=f"Bench {tag}", what_happened="A list was sent to the wrong place.",
                                      noticed_at=timezone.now() - timedelta(hours=2))
    return org, user, breach


def _fixtures(tag: str):
    from breachdesk.web.notices.models import NoticePlan

    org, user, breach = _breach(tag)
    NoticePlan.objects.create(breach=breach, what_happened="A list of tenants was emailed to the wrong contractor.",
                              measures_taken="We asked the contractor to delete it.\nThey confirmed they had.",
                              prevention="We now check every address before sending.",
                              contact_email="dpo@bench.example", helpline="0808 157 0000")
    return org, user, breach


def _render_worker(args) -> tuple[int, int, float]:
    breach_id, lo, hi = args
    _setup_django()
    from breachdesk.web.notices.adapters import context_for, person_for
    from breachdesk.web.notices.models import NoticePlan
    from breachdesk.web.notices.rendering import NoticeRenderer
    from breachdesk.web.people.models import AffectedPerson

    start = time.perf_counter()
    renderer = NoticeRenderer(context_for(NoticePlan.objects.get(breach_id=breach_id)))
    count = size = 0
    rows = AffectedPerson.objects.filter(breach_id=breach_id, id__gte=lo, id__lt=hi).order_by("id")
    for person in rows.iterator(chunk_size=5000):
        rendered = renderer.render(person_for(person, portal_code="ABCD2345"))
        count += 1
        size += len(rendered.text) + len(rendered.html)
    return count, size, time.perf_counter() - start


def _pg_backend_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a process on this machine (a PostgreSQL backend, the SMTP server)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _measured(run, n: int, backend: int) -> dict:
    """Run ``run()`` and say where its CPU went: this process, any worker processes (children,
    counted once they have exited) and this connection's PostgreSQL backend."""
    import resource

    load = os.getloadavg()[0]
    pg0, me0 = _pg_backend_cpu(backend), time.process_time()
    kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    result = run()
    wall = time.perf_counter() - t
    kids1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    me = time.process_time() - me0
    kids = (kids1.ru_utime + kids1.ru_stime) - (kids0.ru_utime + kids0.ru_stime)
    pg = _pg_backend_cpu(backend) - pg0
    return {"people": n, "wall_s": round(wall, 1), "created": result.created, "updated": result.updated,
            "needs_correction": result.needs_correction, "cpu_main_s": round(me, 1), "cpu_workers_s": round(kids, 1),
            "cpu_postgres_s": round(pg, 1), "cpu_us_per_row": round((me + kids + pg) / n * 1e6, 1),
            "python_us_per_row": round((me + kids) / n * 1e6, 1), "load_before": round(load, 2),
            "load_after": round(os.getloadavg()[0], 2)}


def bench_import(n: int, reimport: bool = False) -> dict:
    """Only the import (the COPY path), and with ``reimport`` a re-scan of the same people
    imported again: new scope ids (they are random per scan), one person in ten new."""
    import polars as pl
    from django.db import connection

    from breachdesk.web.people import importer

    _, user, breach = _breach("import only")
    df = people_frame(n)
    assert importer.use_copy(breach, df) or n < importer.COPY_MIN_ROWS
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    out = {"import": _measured(lambda: importer.import_people(breach, user, df), n, backend)}
    if reimport:
        fresh = people_frame(n // 10, seed=99).with_columns(pl.format("N{}", pl.col("person_id")).alias("person_id"))
        rescan = pl.concat([df.with_columns(pl.format("R{}", pl.col("person_id")).alias("person_id")), fresh])
        del df
        assert importer.use_copy_update(breach, rescan) or n < importer.COPY_UPDATE_MIN_ROWS
        out["reimport"] = _measured(lambda: importer.import_people(breach, user, rescan), rescan.height, backend)
    return out


def bench_import_render_queue(n: int, processes: int) -> dict:
    from django.db.models import Max, Min

    from breachdesk.web.notices import campaigns, sending
    from breachdesk.web.people import importer

    _, user, breach = _fixtures("import")
    t = time.perf_counter()
    df = people_frame(n)
    generate = time.perf_counter() - t
    assert importer.use_copy(breach, df) or n < importer.COPY_MIN_ROWS
    t = time.perf_counter()
    result = importer.import_people(breach, user, df)
    import_s = time.perf_counter() - t
    del df

    campaign = campaigns.create(breach, user, name="bench", channels=["email", "letter"])
    t = time.perf_counter()
    counts = sending.queue(campaign)
    queue_s = time.perf_counter() - t

    bounds = breach.people.aggregate(lo=Min("id"), hi=Max("id"))
    step = (bounds["hi"] - bounds["lo"] + processes) // processes
    ranges = [(breach.pk, bounds["lo"] + i * step, bounds["lo"] + (i + 1) * step) for i in range(processes)]
    t = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        parts = pool.map(_render_worker, ranges)
    render_s = time.perf_counter() - t
    rendered = sum(p[0] for p in parts)
    return {"people": n, "generate_s": round(generate, 1), "import_s": round(import_s, 1),
            "imported": result.created, "needs_correction": result.needs_correction,
            "queue_s": round(queue_s, 1), "queued": counts.queued, "render_s": round(render_s, 1),
            "rendered": rendered, "render_mb": round(sum(p[1] for p in parts) / 1e6, 1),
            "render_per_s": round(rendered / render_s), "kinds": None}


def _smtp_server(port: int, ready) -> None:
    import asyncio  # noqa: F401

    from aiosmtpd.controller import Controller

    class Sink:
        count = 0

        async def handle_DATA(self, server, session, envelope):
            Sink.count += 1
            return "250 OK"

    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    while True:
        time.sleep(3600)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_worker(args) -> dict:
    """One sending worker's run, with the CPU it and its PostgreSQL backend used."""
    campaign_id, port = args
    _setup_django()
    from django.conf import settings
    from django.db import connection

    from breachdesk.web.notices import sending
    from breachdesk.web.notices.models import Campaign

    if port:
        settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                        "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 20}}}
    campaign = Campaign.objects.get(pk=campaign_id)
    backend = connection.connection.info.backend_pid
    pg0, me0 = _pg_backend_cpu(backend), time.process_time()
    counts = sending.run(campaign)
    return {**counts, "cpu_s": time.process_time() - me0, "pg_cpu_s": _pg_backend_cpu(backend) - pg0}


def _warm_worker() -> None:
    """What a long-running worker has done once before its first campaign: Django set up, the
    URLconf loaded (notices link to the portal), Pango and the fonts loaded by a first PDF."""
    _setup_django()
    from django.urls import get_resolver

    from breachdesk.web.core import pdf

    get_resolver().reverse_dict  # noqa: B018 - loads every app's urls
    pdf.document("<p>warm</p>").write_pdf()


def _campaign_run(breach, user, channel: str, workers: int, port: int = 0) -> dict:
    """Queue a campaign, then time ``workers`` worker processes sending it side by side (they
    share the queue through claims, as db_worker processes would). Start-up is not counted:
    the workers are started and warmed up before the clock starts. CPU seconds of the
    workers and of their PostgreSQL backends are summed over the workers."""
    from breachdesk.web.notices import campaigns, sending
    from breachdesk.web.notices.models import Campaign, Delivery

    campaign = campaigns.create(breach, user, name=f"bench {channel}", channels=[channel])
    sending.queue(campaign)
    with multiprocessing.get_context("spawn").Pool(workers, initializer=_warm_worker) as pool:
        pool.map(_noop, range(workers))  # every worker is up before the clock starts
        Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SENDING)
        load = os.getloadavg()[0]
        t = time.perf_counter()
        parts = pool.map(_run_worker, [(campaign.pk, port)] * workers, chunksize=1)
        elapsed = time.perf_counter() - t
    sent = Delivery.objects.filter(campaign=campaign, status="sent")
    assert not Delivery.objects.filter(campaign=campaign, status__in=["queued", "sending"]).exists()
    pages = sum(sent.values_list("pages", flat=True)) if channel == "letter" else 0
    return {"s": elapsed, "sent": sent.count(), "pages": pages, "cpu_s": sum(p["cpu_s"] for p in parts),
            "pg_cpu_s": sum(p["pg_cpu_s"] for p in parts), "load": load}


def _sample_notice(breach, user) -> tuple[str, bytes]:
    """One real notice's envelope recipient and bytes, as the email channel builds them."""
    from breachdesk.web.notices import channels
    from breachdesk.web.notices.adapters import context_for, person_for
    from breachdesk.web.notices.models import NoticePlan
    from breachdesk.web.notices.rendering import NoticeRenderer
    from breachdesk.web.notices.sending import with_code

    person = breach.people.exclude(email_index="").first()
    rendered = NoticeRenderer(context_for(NoticePlan.objects.get(breach=breach))).render(
        person_for(person, portal_code="ABCD2345"))
    text, html = with_code(rendered.text, rendered.html, person.reference, "ABCD2345")
    to, raw, _ = channels.get("email").build(channels.Outgoing(
        key=f"sample:{person.pk}:email", reference=person.reference, contact=person.details, subject=rendered.subject,
        text=text, html=html, portal_code="ABCD2345"))
    return to, raw


def smtp_ceiling(port: int, server_pid: int, to: str, raw: bytes, n: int) -> dict:
    """What the SMTP exchange alone allows: smtplib pushing one prebuilt notice ``n`` times to the
    same server, one connection per 200 as the channel does; the client's and server's CPU."""
    import smtplib

    server0, me0, load = _pg_backend_cpu(server_pid), time.process_time(), os.getloadavg()[0]
    t = time.perf_counter()
    for start in range(0, n, 200):
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            for _ in range(min(200, n - start)):
                smtp.sendmail("breachdesk@localhost", [to], raw)
    wall = time.perf_counter() - t
    server = _pg_backend_cpu(server_pid) - server0
    return {"messages": n, "bytes": len(raw), "lines": raw.count(b"\n"), "per_s": round(n / wall),
            "client_ms_per_msg": round((time.process_time() - me0) / n * 1000, 2),
            "server_ms_per_msg": round(server / n * 1000, 2), "load": round(load, 2)}


def _noop(_):
    return None


def bench_email(n: int, repeat: int, workers: int) -> dict:
    from django.conf import settings

    from breachdesk.web.people import importer

    port = _free_port()
    mailers = settings.MAILERS
    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Event()
    server = ctx.Process(target=_smtp_server, args=(port, ready), daemon=True)
    server.start()
    ready.wait(30)
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 20}}}
    runs = []
    try:
        _, user, breach = _fixtures("email")
        importer.import_people(breach, user, people_frame(n, seed=11))
        ceiling = smtp_ceiling(port, server.pid, *_sample_notice(breach, user), n=min(n, 3000))
        for _ in range(repeat):
            server0 = _pg_backend_cpu(server.pid)
            run = _campaign_run(breach, user, "email", workers, port)
            runs.append({**run, "server_cpu_s": _pg_backend_cpu(server.pid) - server0})
    finally:
        server.kill()
        settings.MAILERS = mailers

    def ms(key):  # CPU milliseconds per message, median over the runs
        return round(statistics.median(r[key] / r["sent"] for r in runs) * 1000, 2)

    return {"emails": n, "workers": workers, "runs_s": [round(r["s"], 2) for r in runs],
            "sent": [r["sent"] for r in runs],
            "median_per_s": round(statistics.median(r["sent"] / r["s"] for r in runs)),
            "cpu_ms_per_msg": {"workers": ms("cpu_s"), "postgres": ms("pg_cpu_s"), "smtp_server": ms("server_cpu_s")},
            "load": [round(r["load"], 2) for r in runs], "ceiling": ceiling}


def bench_letters(n: int, repeat: int, workers: int) -> dict:
    from breachdesk.web.people import importer

    _, user, breach = _fixtures("letters")
    importer.import_people(breach, user, people_frame(n, seed=13))
    runs = [_campaign_run(breach, user, "letter", workers) for _ in range(repeat)]
    cpu = statistics.median(r["cpu_s"] / r["sent"] for r in runs)
    return {"letters": n, "workers": workers, "pages": [r["pages"] for r in runs],
            "runs_s": [round(r["s"], 2) for r in runs],
            "median_pages_per_s": round(statistics.median(r["pages"] / r["s"] for r in runs), 1),
            "median_letters_per_s": round(statistics.median(r["sent"] / r["s"] for r in runs), 1),
            "cpu_s_per_letter": round(cpu, 3),
            "pages_per_cpu_s": round(statistics.median(r["pages"] / r["cpu_s"] for r in runs), 1),
            "load": [round(r["load"], 2) for r in runs]}


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    pg = subprocess.run(["psql", _db_url("postgres"), "-Atc", "SHOW server_version"], capture_output=True, text=True)
    return {"cores": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "postgres": pg.stdout.strip() or "?", "load": " ".join(f"{x:.2f}" for x in os.getloadavg())}


def markdown(results: dict) -> str:
    m, r, e, lt = results["machine"], results["import_render_queue"], results["email"], results["letters"]
    render_queue = r["queue_s"] + r["render_s"]

    def met(ok):
        return "yes" if ok else "**no**"

    lines = [
        "## Notices", "",
        f"Machine: {m['cores']} cores, {m['cpu']}, Python {m['python']}, PostgreSQL {m['postgres']}; "
        f"load average {m['load']} before, {results['load_after']} after (other engineers share this machine).",
        "", "Command: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/notices_bench.py "
        f"--people {r['people']} --emails {e['emails']} --letters {lt['letters']} --repeat {len(e['runs_s'])} "
        f"--workers {e['workers']}`", "",
        "### Targets", "", "| target | measured | met |", "|---|---|---|",
        f"| import {r['people']:,} scoped people into PostgreSQL ≤ 60 s (COPY, encryption included) | "
        f"{r['import_s']} s | {met(r['import_s'] <= TARGETS['import'])} |",
        f"| render and queue {r['people']:,} personalised email notices ≤ 5 min | {render_queue:.0f} s "
        f"(queue {r['queue_s']} s + render {r['render_s']} s) | {met(render_queue <= TARGETS['render_queue'])} |",
        f"| ≥ 500 emails/s to a local SMTP server | {e['median_per_s']}/s (median of {len(e['runs_s'])}) | "
        f"{met(e['median_per_s'] >= TARGETS['emails_per_s'])} |",
        f"| ≥ 20 letter pages/s to PDF | {lt['median_pages_per_s']} pages/s (median of {len(lt['runs_s'])}) | "
        f"{met(lt['median_pages_per_s'] >= TARGETS['pages_per_s'])} |",
        "", "### Detail", "",
        f"- Import: {r['imported']:,} people ({r['needs_correction']:,} with contact details to check) in "
        f"{r['import_s']} s through COPY, encrypted (Fernet) and blind-indexed (HMAC) as the last chunk streams; "
        f"generating the synthetic table took {r['generate_s']} s and is not counted.",
        f"- Queue: {r['queued']:,} Delivery rows in {r['queue_s']} s (first usable channel from the blind "
        "indexes, no decryption).",
        f"- Render: {r['rendered']:,} notices ({r['render_mb']} MB of text and HTML) in {r['render_s']} s, "
        f"{r['render_per_s']:,}/s: each person's contact details decrypted, the notice built and checked once per "
        "kind of notice and filled in per person (the cached renderer; a test proves it equals the engine's "
        "output). Process start-up is counted.",
        f"- Email: {e['emails']:,} people per run, {e['sent'][0]:,} with an email address; {e['workers']} worker "
        f"processes sharing the queue; runs {e['runs_s']} s. Per group of 20: portal codes issued and rows marked "
        "sending (one commit) before the SMTP calls, sent after (one commit); one SMTP connection per batch of "
        "200. The aiosmtpd server runs in its own process on the same 2 cores. Each message is written straight "
        "to bytes (channels/mime.py) and sent on the Django SMTP backend's connection. CPU per message (median): "
        f"workers {e['cpu_ms_per_msg']['workers']} ms, their PostgreSQL backends {e['cpu_ms_per_msg']['postgres']} "
        f"ms, the SMTP server {e['cpu_ms_per_msg']['smtp_server']} ms; load at the start of each run {e['load']}.",
        f"- SMTP ceiling: smtplib alone pushing one prebuilt notice ({e['ceiling']['bytes']:,} bytes, "
        f"{e['ceiling']['lines']} lines) {e['ceiling']['messages']:,} times to the same server: "
        f"{e['ceiling']['per_s']}/s, client {e['ceiling']['client_ms_per_msg']} ms and server "
        f"{e['ceiling']['server_ms_per_msg']} ms CPU per message (load {e['ceiling']['load']}).",
        f"- Letters: {lt['letters']} letters per run ({lt['pages'][0]} pages), {lt['workers']} worker processes; "
        f"runs {lt['runs_s']} s; "
        f"{lt['median_letters_per_s']} letters/s; {lt['cpu_s_per_letter']} CPU s per letter in the workers "
        f"({lt['pages_per_cpu_s']} pages per CPU second); load at the start of each run {lt['load']}.",
    ]
    return "\n".join(lines) + "\n"


def write_report(text: str) -> None:
    report = HERE / "REPORT.md"
    body = report.read_text()
    start, end = "<!-- notices:start -->", "<!-- notices:end -->"
    block = f"{start}\n{text}{end}"
    if start in body:
        body = body[:body.index(start)] + block + body[body.index(end) + len(end):]
    else:
        body = body.rstrip("\n") + "\n\n" + block + "\n"
    report.write_text(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=1_000_000, help="people to import, queue and render")
    parser.add_argument("--emails", type=int, default=5000, help="emails per delivery run")
    parser.add_argument("--letters", type=int, default=40, help="letters per run")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the email and letter steps (median)")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 2, help="render processes")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2,
                        help="sending worker processes for the email and letter steps")
    parser.add_argument("--write-report", action="store_true", help="update the Notices section of bench/REPORT.md")
    parser.add_argument("--keep-db", action="store_true", help="leave the scratch database for inspection")
    parser.add_argument("--import-only", action="store_true",
                        help="time only the import of --people people, with its CPU split (no report)")
    parser.add_argument("--reimport", action="store_true",
                        help="with --import-only: also time a re-import of a re-scan of the same people")
    parser.add_argument("--delivery-only", action="store_true",
                        help="time only the letter and email steps, with their CPU per message (no report)")
    args = parser.parse_args()

    results = {"machine": machine()}
    _recreate_db()
    _setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if args.import_only:
        try:
            for step, figures in bench_import(args.people, args.reimport).items():
                print(step, json.dumps(figures), flush=True)
        finally:
            from django.db import connections

            connections.close_all()
            if not args.keep_db:
                _drop_db()
        return
    if args.delivery_only:
        try:
            print("letters", json.dumps(bench_letters(args.letters, args.repeat, args.workers)), flush=True)
            print("email", json.dumps(bench_email(args.emails, args.repeat, args.workers)), flush=True)
        finally:
            from django.db import connections

            connections.close_all()
            if not args.keep_db:
                _drop_db()
        print("load average after:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
        return
    try:
        results["letters"] = bench_letters(args.letters, args.repeat, args.workers)
        print("letters", results["letters"], flush=True)
        results["email"] = bench_email(args.emails, args.repeat, args.workers)
        print("email", results["email"], flush=True)
        results["import_render_queue"] = bench_import_render_queue(args.people, args.processes)
        print("import/render/queue", results["import_render_queue"], flush=True)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            _drop_db()
    results["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "notices-results.json").write_text(json.dumps(results, indent=2))
    text = markdown(results)
    print(text)
    if args.write_report:
        write_report(text)


if __name__ == "__main__":
    main()
