"""The whole loop through Telegram on aiogram (``LINLI_TELEGRAM_LIBRARY=aiogram``): the same
people and steps as test_telegram_loop.py, through aiogram's HTTP stack and the fake Bot API."""

from pathlib import Path

import pytest

from bot.aiogram.channel import AiogramChannel
from tests.adapters.conftest_telegram import LEADER, STRANGER, shown, telegram_stack
from tests.adapters.test_telegram_loop import (
    BACKENDS,
    file_request_with_photo,
    race_for_the_claim,
    resolve_and_rate,
    save_transcript,
    staff_and_group,
)


@pytest.mark.parametrize("backend", BACKENDS)
async def test_request_with_photo_claimed_resolved_and_rated(tmp_path: Path, backend: str) -> None:
    async with telegram_stack(tmp_path, backend, telegram_library="aiogram") as tg:
        assert isinstance(tg.channel, AiogramChannel)
        await staff_and_group(tg)
        card = await file_request_with_photo(tg)
        winner = await race_for_the_claim(tg, card)
        await resolve_and_rate(tg, winner, 5)
        save_transcript(tg, f"aiogram_rated_5_{backend}")
    assert not [m for m in tg.api.sent_to(LEADER) if "星差评" in shown(m)]
    assert tg.api.calls_of("getUpdates")  # received by long polling


async def test_forged_callbacks_are_refused_with_an_alert(tmp_path: Path) -> None:
    async with telegram_stack(tmp_path, telegram_library="aiogram") as tg:
        await staff_and_group(tg)
        card = await file_request_with_photo(tg)
        request_id = card["reply_markup"]["inline_keyboard"][0][0]["callback_data"].split(":")[1]
        answer = await tg.answer(tg.forge(STRANGER, card, f"resolve:{request_id}"))
        assert answer["show_alert"] is True and answer["text"]
        assert tg.api.sent_to(STRANGER) == []
