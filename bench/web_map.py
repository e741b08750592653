"""The influencer map in headless Chromium: how long ``/map?first=500`` takes on the demo to
be drawn and usable and to have its layout settled, and how much JavaScript the app ships.

``osmosi serve --demo`` runs on the embedded store (the demo is loaded and ranked before it
listens). Each run is a fresh browser profile in Debian's Chromium, launched as the browser
tests launch it: it signs in through the app's own sign-in page, then its cache is
emptied and ``/map?first=500`` opened. Times are taken inside the page (``performance.now()``,
from the navigation's start) when the map's root says so:

- usable: the map drawn, its people rendered and answering the pointer and keyboard (sigma's
  first frame; ``data-drawn``);
- settled: the ForceAtlas2 layout settled in its web worker (``data-layout="settled"``:
  nodes move on average less than 1e-4 of the drawing's extent per iteration; "stopped" if
  it reached its iteration cap first).

A first run warms the server and is not counted; the median of the others is reported with
each run. JavaScript is counted gzipped, as the server sends it (the build's ``.gz``): what
the map page loads (the worker included), all of the app's (every view's chunks, reachable
from ``index.html``), and GraphiQL's beyond what it shares with the app. Targets (issue 7):
usable within 2 s, settled within 5 s, the app's JavaScript under 700 kB.

    python -m bench.web_map [--runs 5] [--first 500] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import Browser, sync_playwright

from server.webapp import BUILD
from tests.helpers.serving import free_port

CHROMIUM = os.environ.get("OSMOSI_TEST_CHROMIUM", "/usr/bin/chromium")
# As tests/browser/conftest.py launches it (not imported: bench does not depend on tests):
# no sandbox as root, and no background traffic.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_SECONDS = 900
LAYOUT_MS = 120_000
TARGETS = {"usable_s": 2.0, "settled_s": 5.0, "app_js_kb": 700.0}

# Installed in every page before its scripts: notes when the map's root says it is drawn
# and when its layout ends.
TIMER = """
window.__map = {};
new MutationObserver(() => {
  const root = document.querySelector("[data-testid=influencer-map]");
  if (!root) return;
  const now = performance.now();
  if (root.dataset.drawn && window.__map.usable === undefined) window.__map.usable = now;
  const layout = root.dataset.layout;
  if ((layout === "settled" || layout === "stopped") && window.__map.settled === undefined) {
    Object.assign(window.__map, {
      settled: now, layout, iterations: Number(root.dataset.iterations),
      nodes: Number(root.dataset.nodes), edges: Number(root.dataset.edges),
    });
  }
}).observe(document, { subtree: true, attributes: true, childList: true });
"""


def start_demo(workdir: Path, port: int) -> tuple[subprocess.Popen[bytes], str, float]:
    """``osmosi serve --demo`` once it answers: the process, its admin key, and how long the
    demo took to load and rank."""
    osmosi = str(Path(sys.executable).with_name("osmosi"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("OSMOSI_")}
    env.update(OSMOSI_DATA_DIR=str(workdir / "data"), OSMOSI_LOG_LEVEL="WARNING")
    log = workdir / "serve.log"
    started = time.monotonic()
    with log.open("wb") as out:  # a file, not a pipe: a full pipe would stall the server
        process = subprocess.Popen(
            [osmosi, "serve", "--demo", "--port", str(port)],
            env=env,
            cwd=workdir,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    key = None
    while time.monotonic() - started < START_SECONDS:
        if process.poll() is not None:
            sys.exit(f"osmosi serve --demo exited:\n{log.read_text(errors='replace')}")
        found = re.search(r"^admin key: (\S+)", log.read_text(errors="replace"), re.M)
        key = found.group(1) if found else None
        if key is not None:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    return process, key, time.monotonic() - started
            except httpx.TransportError:
                pass
        time.sleep(0.5)
    process.kill()
    sys.exit("osmosi serve --demo did not answer in time")


def measure(browser: Browser, url: str, key: str, first: int) -> dict[str, Any]:
    """One cold opening of the map: its times (s), layout, size and the scripts it loaded."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-GB")
    try:
        context.add_init_script(TIMER)
        page = context.new_page()
        page.goto(f"{url}/communities")
        page.get_by_label("API key").fill(key)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_test_id("signed-in").wait_for()
        context.new_cdp_session(page).send("Network.clearBrowserCache")
        page.goto(f"{url}/map?first={first}")
        page.wait_for_function("() => window.__map.settled !== undefined", timeout=LAYOUT_MS)
        times: dict[str, Any] = page.evaluate("() => window.__map")
        scripts: list[str] = page.evaluate(
            "() => performance.getEntriesByType('resource').map(r => new URL(r.name).pathname)"
            ".filter(path => path.startsWith('/assets/') && path.endsWith('.js'))"
        )
    finally:
        context.close()
    return {
        "usable_s": round(times["usable"] / 1000, 3),
        "settled_s": round(times["settled"] / 1000, 3),
        "layout": times["layout"],
        "iterations": times["iterations"],
        "nodes": times["nodes"],
        "edges": times["edges"],
        "scripts": sorted({path.removeprefix("/assets/") for path in scripts}),
    }


def entries(page: Path) -> list[str]:
    """The scripts an HTML page of the build starts (and preloads)."""
    return re.findall(r'(?:src|href)="/assets/([^"]+\.js)"', page.read_text(encoding="utf-8"))


def reachable(start: Iterable[str]) -> set[str]:
    """The build's scripts ``start`` loads, at once or later (imports, dynamic imports and
    workers all name their chunk's file)."""
    assets = BUILD / "assets"
    seen: set[str] = set()
    todo = list(start)
    while todo:
        name = todo.pop()
        if name in seen or not (assets / name).is_file():
            continue
        seen.add(name)
        todo.extend(re.findall(r"[\w.-]+\.js\b", (assets / name).read_text(encoding="utf-8")))
    return seen


def gzipped(names: Iterable[str]) -> int:
    return sum((BUILD / "assets" / f"{name}.gz").stat().st_size for name in names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs (after a warm-up)")
    parser.add_argument("--first", type=int, default=500, help="people on the map")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if not (BUILD / "index.html").is_file() or not any(BUILD.glob("assets/*.js.gz")):
        sys.exit(f"the web app is not built in {BUILD}: run `make web`")
    if not Path(CHROMIUM).is_file():
        sys.exit(f"no Chromium at {CHROMIUM}: run services/install-chromium.sh")

    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        server, key, load_seconds = start_demo(Path(tmp), port)
        if not args.json:
            print(f"demo loaded and ranked in {load_seconds:.0f} s", flush=True)
        try:
            with sync_playwright() as driver:
                browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                url = f"http://127.0.0.1:{port}"
                measure(browser, url, key, args.first)  # warm-up
                runs = []
                for number in range(1, args.runs + 1):
                    runs.append(measure(browser, url, key, args.first))
                    if not args.json:
                        print(f"  run {number} measured", flush=True)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=60)

    app = reachable(entries(BUILD / "index.html"))
    graphiql = reachable(entries(BUILD / "graphiql.html")) - app
    median = {
        name: round(statistics.median(run[name] for run in runs), 3)
        for name in ("usable_s", "settled_s")
    }
    javascript = {
        "map_page": gzipped(runs[0]["scripts"]),
        "app": gzipped(app),
        "graphiql_beyond_app": gzipped(graphiql),
    }
    met = {
        "usable_s": median["usable_s"] <= TARGETS["usable_s"],
        "settled_s": median["settled_s"] <= TARGETS["settled_s"],
        "app_js_kb": javascript["app"] / 1000 < TARGETS["app_js_kb"],
    }
    figures = {
        "first": args.first,
        "nodes": runs[0]["nodes"],
        "edges": runs[0]["edges"],
        "demo_load_s": round(load_seconds, 1),
        "cpus": os.cpu_count(),
        "load_average": round(os.getloadavg()[0], 2),
        "runs": [{k: v for k, v in run.items() if k != "scripts"} for run in runs],
        "median": median,
        "javascript_gzip_bytes": javascript,
        "targets": TARGETS,
        "met": met,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return

    def verdict(name: str) -> str:
        return "met" if met[name] else "MISSED"

    print(
        f"\n/map?first={args.first}: {figures['nodes']} people, {figures['edges']} ties; "
        f"{figures['cpus']} CPUs, load average {figures['load_average']}"
    )
    print(f"{'run':<8}{'usable (s)':>12}{'settled (s)':>13}  layout")
    for number, run in enumerate(runs, 1):
        print(
            f"{number:<8}{run['usable_s']:>12.2f}{run['settled_s']:>13.2f}  "
            f"{run['layout']} after {run['iterations']} iterations"
        )
    print(f"{'median':<8}{median['usable_s']:>12.2f}{median['settled_s']:>13.2f}")
    print(
        f"targets: usable within {TARGETS['usable_s']:.0f} s ({verdict('usable_s')}), "
        f"settled within {TARGETS['settled_s']:.0f} s ({verdict('settled_s')})"
    )
    print(f"\n{'JavaScript, gzipped':<36}{'kB':>8}")
    print(f"{'the map page (what /map loads)':<36}{javascript['map_page'] / 1000:>8.1f}")
    print(f"{'the whole app (every view)':<36}{javascript['app'] / 1000:>8.1f}")
    print(f"{'GraphiQL (beyond the app)':<36}{javascript['graphiql_beyond_app'] / 1000:>8.1f}")
    print(f"target: the app under {TARGETS['app_js_kb']:.0f} kB ({verdict('app_js_kb')})")


if __name__ == "__main__":
    main()
