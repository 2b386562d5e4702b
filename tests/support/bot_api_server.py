"""A local Bot-API-compatible HTTP server for end-to-end tests of PTB and aiogram bots.

Usage::

    async with FakeBotApi(token="42:TEST", bot_username="linli_test_bot") as api:
        bot = telegram.Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url)
        ...
        api.user_sends(1001, text="/start")
        params = await api.wait_for_call("sendMessage")

aiogram: ``AiohttpSession(api=TelegramAPIServer.from_base(api.server_url))``.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

import aiohttp
from aiohttp import web

from .bot_api_methods import BotApiMethods
from .bot_api_objects import ApiError, JSONDict, Upload, decode_param

_UNAUTHORIZED = ApiError(401, "Unauthorized")
_WEBHOOK_RETRY_DELAY = 0.2


async def _read_params(request: web.Request) -> JSONDict:
    """Parameters from the query string plus a JSON, urlencoded or multipart body."""
    raw: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json" and request.body_exists:
        raw |= await request.json()
    else:
        for name, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                raw[name] = Upload(value.filename, value.file.read())
            else:
                raw[name] = value
    params = {name: decode_param(name, value) for name, value in raw.items()}
    # aiogram names the file part randomly and passes "attach://<part>" as the parameter.
    for name, value in list(params.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            params[name] = params.pop(value.removeprefix("attach://"), value)
    return params


class FakeBotApi(BotApiMethods):
    """Bot API server on 127.0.0.1 with an ephemeral port; an async context manager."""

    def __init__(
        self,
        token: str = "42:TEST",
        bot_username: str = "linli_test_bot",
        *,
        bot_name: str = "邻里测试",
    ) -> None:
        super().__init__(token, bot_username, bot_name)
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self._webhook_task: asyncio.Task[None] | None = None

    @property
    def server_url(self) -> str:
        """``http://127.0.0.1:PORT``: the base for aiogram's ``TelegramAPIServer.from_base``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """PTB ``base_url``: PTB requests ``{base_url}{token}/{method}``."""
        return f"{self.server_url}/bot"

    @property
    def base_file_url(self) -> str:
        """PTB ``base_file_url``: downloads are ``{base_file_url}{token}/{file_path}``."""
        return f"{self.server_url}/file/bot"

    async def start(self) -> FakeBotApi:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{file_path:.+}", self._handle_file)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = self._runner.addresses[0][1]
        self._session = aiohttp.ClientSession()
        self._webhook_task = asyncio.create_task(self._deliver_webhooks())
        return self

    async def close(self) -> None:
        """Answer pending long polls, stop webhook delivery and the server."""
        self._closing = True
        self._notify()
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._webhook_task
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> FakeBotApi:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def _handle_method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(_UNAUTHORIZED.envelope(), status=401)
        params = await _read_params(request)
        if self.latency:
            await asyncio.sleep(self.latency)
        try:
            result = await self.call(request.match_info["method"], params)
        except ApiError as error:
            return web.json_response(error.envelope(), status=error.error_code)
        return web.json_response({"ok": True, "result": result})

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(_UNAUTHORIZED.envelope(), status=401)
        stored = self.file_by_path(request.match_info["file_path"])
        if stored is None:
            return web.json_response(ApiError(404, "Not Found").envelope(), status=404)
        return web.Response(body=stored.data, content_type="application/octet-stream")

    async def _deliver_webhooks(self) -> None:
        """POST pending updates, oldest first, to the webhook while one is set."""
        assert self._session is not None
        while not self._closing:
            if not (self.webhook_url and self.pending_updates):
                await self._changed.wait()
                continue
            update = self.pending_updates[0]
            secret = self.webhook_secret
            headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
            try:
                async with self._session.post(
                    self.webhook_url,
                    json=update,
                    headers=headers,
                    timeout=aiohttp.ClientTimeout(total=10),
                ) as response:
                    status = response.status
                    error = None if response.ok else f"Wrong response from the webhook: {status}"
            except (aiohttp.ClientError, TimeoutError) as exc:
                error = f"Connection failed: {exc!r}"
            if error is None:
                if self.pending_updates and self.pending_updates[0] is update:
                    self.pending_updates.pop(0)
            else:
                self.webhook_error = (int(time.time()), error)
                await asyncio.sleep(_WEBHOOK_RETRY_DELAY)
            self._notify()
