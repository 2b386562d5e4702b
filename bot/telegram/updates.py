"""A Telegram update as the dialogs see it (:class:`Incoming`), and how a press is answered:
written once for both libraries (see :mod:`bot.telegram.objects`)."""

from bot.telegram.groups import bot_was_added
from bot.telegram.objects import (
    CHANNEL,
    GROUP_TYPES,
    AnyCallbackQuery,
    AnyMessage,
    AnyUpdate,
    AnyUser,
)
from bot.telegram.render import truncate
from handlers.texts import render_reply
from handlers.types import Ack, ChatKind, Incoming

TOAST_LIMIT = 200  # answerCallbackQuery text


def sender_of(update: AnyUpdate) -> AnyUser | None:
    if update.callback_query is not None:
        return update.callback_query.from_user
    return update.message.from_user if update.message is not None else None


def to_incoming(update: AnyUpdate, bot_username: str, locale: str) -> Incoming | None:
    """The event, or None for what the dialogs do not take (edits, stickers, group chatter)."""
    user = sender_of(update)
    if user is None or user.is_bot:
        return None
    if update.callback_query is not None:
        return _from_query(update, update.callback_query, user, locale)
    if update.message is not None:
        return _from_message(update, update.message, user, bot_username, locale)
    return None


def _from_query(
    update: AnyUpdate, query: AnyCallbackQuery, user: AnyUser, locale: str
) -> Incoming | None:
    if query.data is None:
        return None
    chat = query.message.chat if query.message is not None else None
    group = chat is not None and chat.type in GROUP_TYPES
    return Incoming(
        channel=CHANNEL,
        chat_id=str(chat.id if group and chat is not None else user.id),
        user_id=str(user.id),
        update_id=str(update.update_id),
        chat_kind=ChatKind.GROUP if group else ChatKind.PRIVATE,
        user_name=user.full_name,
        payload=query.data,
        locale=locale,
        extra={"callback_query_id": query.id},  # answered after the turn
    )


def _from_message(
    update: AnyUpdate, message: AnyMessage, user: AnyUser, bot_username: str, locale: str
) -> Incoming | None:
    text = message.text or message.caption or ""
    photo = (
        max(message.photo, key=lambda p: (p.width * p.height, p.file_size or 0)).file_id
        if message.photo
        else None
    )
    location = (message.location.latitude, message.location.longitude) if message.location else None
    if message.chat.type == "private":
        kind = ChatKind.PRIVATE
    elif message.chat.type in GROUP_TYPES:
        if bot_was_added(message, bot_username):
            text = "/help"  # added to a group: say how to bind it
        if not addressed_to_us(text, bot_username):
            return None  # group chatter is none of our business (and not ours to store)
        kind, photo, location = ChatKind.GROUP, None, None
    else:
        return None
    if not (text or photo or location):
        return None
    return Incoming(
        channel=CHANNEL,
        chat_id=str(message.chat.id),
        user_id=str(user.id),
        update_id=str(update.update_id),
        chat_kind=kind,
        user_name=user.full_name,
        text=text,
        photo=photo,
        location=location,
        locale=locale,
    )


def addressed_to_us(text: str, bot_username: str) -> bool:
    """A command in a group, either bare (``/bindgrid``) or ``/bindgrid@<this bot>``."""
    if not text.startswith("/"):
        return False
    head = text.split(maxsplit=1)[0]
    _, at, target = head.partition("@")
    return not at or target.lower() == bot_username.lower()


def is_unsupported(update: AnyUpdate) -> bool:
    """A private message of a kind we cannot take (voice, sticker, file): say so."""
    message = update.message
    user = sender_of(update)
    return (
        message is not None
        and message.chat.type == "private"
        and not (message.text or message.caption or message.photo or message.location)
        and user is not None
        and not user.is_bot
    )


def press_answer(ack: Ack | None, locale: str) -> tuple[str | None, bool]:
    """The text of a press's answer (None: just stop the spinner) and whether it is an alert
    the user must close (a refusal)."""
    toast = ack.toast if ack is not None else None
    text = truncate(render_reply(toast, locale), TOAST_LIMIT) if toast else None
    return text, toast is not None and toast.key.startswith("refused")
