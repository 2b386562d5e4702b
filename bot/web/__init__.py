"""The web chat (H5): a mobile page served by linli's own aiohttp server, on the same dialogs."""

from bot.channels import Channel
from bot.wiring import Linli


def web_channel(linli: Linli) -> Channel:
    """The web chat channel: ``add_routes(app)``, then ``await start()``; ``.sender`` delivers."""
    from bot.web.channel import WebChannel

    return WebChannel(linli)


__all__ = ["web_channel"]
