"""deploy/: every timer starts its own service, and every scheduled command exists."""

import re
from pathlib import Path

from django.core.management import get_commands

SYSTEMD = Path(__file__).resolve().parents[2] / "deploy" / "systemd"


def test_every_timer_has_its_service_and_every_command_exists():
    timers = sorted(SYSTEMD.glob("*.timer"))
    assert len(timers) >= 6
    commands = get_commands()
    for timer in timers:
        service = timer.with_suffix(".service")
        assert service.is_file(), service
        text = service.read_text()
        assert "one host only" in text.lower() or "ONE host only" in text
        [command] = re.findall(r"manage\.py (\S+)", text)
        assert command in commands, (service.name, command)
    scheduled = {
        re.findall(r"manage\.py (\S+)", t.with_suffix(".service").read_text())[0] for t in timers
    }
    assert {"clearsessions", "prune_db_task_results", "send_mentoring_reminders"} <= scheduled


def test_nginx_site_hands_downloads_to_an_internal_location():
    site = (SYSTEMD.parent / "nginx" / "portal.conf").read_text()
    assert "location /_protected-documents/" in site and "internal;" in site
    assert "X-Forwarded-For $proxy_add_x_forwarded_for" in site
    assert "client_max_body_size" in site and "ssl_certificate" in site
