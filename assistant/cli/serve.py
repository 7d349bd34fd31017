"""`steerco serve` and `steerco api-key add`: the HTTP API and its keys."""

from __future__ import annotations

import ipaddress

import click

from assistant.errors import ConfigError


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def serve(host: str, port: int) -> None:
    """Start the HTTP API (FastAPI under uvicorn); docs at /docs."""
    import uvicorn

    from api.app import create_app
    from assistant.cli import process
    from assistant.settings import Settings

    process.long_running()  # a server's life is long: the collector's usual rhythm
    settings = Settings()
    app = create_app(settings)
    if not app.state.api_keys:
        if not _loopback(host):
            raise ConfigError(
                f"no API keys are configured, so the server only listens on localhost, not {host}.",
                fix="create a key with `steerco api-key add NAME --workspace W` and set "
                "STEERCO_API_KEYS_FILE, or use --host 127.0.0.1.",
            )
        click.echo("No API keys configured: listening on localhost only, without auth.", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.command("api-key")
@click.argument("action", type=click.Choice(["add"]))
@click.argument("name")
@click.option(
    "--workspace", "workspaces", multiple=True, required=True, help="Repeatable; * = all."
)
def api_key(action: str, name: str, workspaces: tuple[str, ...]) -> None:
    """Create an API key scoped to workspaces; prints the secret once, stores its hash."""
    from api.security import add_key
    from assistant.settings import Settings

    settings = Settings()
    path = settings.api_keys_file or settings.home.parent / "api-keys.yaml"
    secret = add_key(path, name, list(workspaces))
    click.echo(secret)
    click.echo(
        f"Stored its hash in {path}; set STEERCO_API_KEYS_FILE={path} for the server.", err=True
    )


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
