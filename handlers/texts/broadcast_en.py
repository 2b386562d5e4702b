"""English: broadcasts — scope, preview, confirm, counts; residents' unsubscribe / subscribe."""

TEXTS: dict[str, str] = {
    "console.tab.broadcasts": "Notices",
    "console.broadcast.title": "Send a notice",
    "console.broadcast.text": "The notice (at most 1000 characters)",
    "console.broadcast.preview": "Preview",
    "console.broadcast.send": "Send",
    "console.broadcast.edit": "Edit",
    "console.broadcast.cancel": "Cancel",
    "console.broadcast.reach": (
        "It goes to {residents} residents' chats and {groups} grid groups; {skipped} "
        "unsubscribed residents are left out."
    ),
    "console.broadcast.counts": (
        "{queued} messages: {sent} delivered, {waiting} waiting, {failed} failed, "
        "{skipped} unsubscribed left out"
    ),
    "button.broadcast_grid": "My grid",
    "button.broadcast_grids": "Choose grids",
    "button.broadcast_community": "Whole community",
    "button.broadcast_pick": "{grid}",
    "button.broadcast_done": "Done",
    "button.broadcast_send": "Send",
    "button.broadcast_edit": "Edit",
    "broadcast.ask_scope": "Who should this notice go to?",
    "broadcast.pick_grids": "Chosen: {chosen}\nTap a grid to add it, then Done.",
    "broadcast.ask_text": "Type the notice (at most {limit} characters). Send 取消 to give up.",
    "broadcast.preview": (
        "Preview (to: {scope})\n------\n{notice}\n------\n"
        "It goes to {residents} residents' chats and {groups} grid groups; {skipped} residents "
        "unsubscribed and are left out.\nTap Send if it is right."
    ),
    "broadcast.sent": (
        "Notice #{number} is queued: {queued} messages ({skipped} unsubscribed residents left "
        "out). /broadcasts shows how delivery goes."
    ),
    "broadcast.already_sent": "Notice #{number} was already sent; it is not sent again.",
    "broadcast.scope_community": "whole community",
    "broadcast.none": "You have sent no notices yet. /broadcast sends one.",
    "broadcast.list": "Recent notices:\n{lines}",
    "broadcast.line": (
        "#{number} {at} {scope} “{text}” {queued} messages: {sent} delivered, {waiting} "
        "waiting, {failed} failed, {skipped} unsubscribed left out"
    ),
    "broadcast.notice": (
        "📢 Community notice: {text}\n— {role} {name}\n(Reply 退订 to stop community notices)"
    ),
    "broadcast.notice_group": "📢 Community notice: {text}\n— {role} {name}",
    "broadcast.unsubscribed": "Done: no more community notices. Reply 订阅 to get them again.",
    "broadcast.subscribed": "Done: you will get community notices. Reply 退订 to stop them.",
    "refused.broadcast.not_allowed": (
        "Only grid leaders, community admins and members serving as {post} may send notices."
    ),
    "refused.broadcast.no_grid": "Choose the grids to send to first.",
    "refused.broadcast.community_admins_only": (
        "Only community admins may send a notice to the whole community."
    ),
    "refused.broadcast.grid_not_yours": "You may send notices only to the grids you lead.",
    "refused.broadcast.text": "A notice may not be empty or longer than {limit} characters.",
}
