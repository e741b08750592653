"""``osmosi alerts``: raise the alerts that look at more than a post, deliver webhooks."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import typer

from osmosi.cli.options import DataDir, JsonOutput, command_group, console, load_settings
from osmosi.cli.progress import working

alerts_app = command_group("Raise and deliver alerts.")


@alerts_app.command("scan")
def alerts_scan(data_dir: DataDir = None, as_json: JsonOutput = False) -> None:
    """Look for sentiment spikes on touchpoints and new channels gaining volume."""
    from graph.alerts.service import scan_alerts
    from osmosi.runtime import open_store

    settings = load_settings(data_dir=data_dir)
    with open_store(settings) as store, working("scanning for alerts", as_json):
        alerts = scan_alerts(store, datetime.now(UTC), settings.webhook_urls)
    if as_json:
        typer.echo(json.dumps({"alerts": len(alerts), "kinds": [a.kind.value for a in alerts]}))
        return
    for alert in alerts:
        console.print(f"{alert.kind.value}: {alert.summary}")
    console.print(f"{len(alerts)} new alert(s)")


@alerts_app.command("deliver")
def alerts_deliver(data_dir: DataDir = None, as_json: JsonOutput = False) -> None:
    """Deliver pending webhooks, retrying with backoff until none is pending."""
    from osmosi.runtime import dispatcher, open_store

    settings = load_settings(data_dir=data_dir)
    with open_store(settings) as store, working("delivering webhooks", as_json):
        delivery = dispatcher(settings, store)
        # With no webhook configured nothing is ever pending: a scheduled run does nothing.
        attempts = 0 if delivery is None else delivery.run_until_done()
    typer.echo(json.dumps({"attempts": attempts})) if as_json else console.print(
        f"{attempts} attempt(s); nothing pending"
    )
