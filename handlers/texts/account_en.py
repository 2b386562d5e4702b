"""English: accountability — points, stars, wishes, promises, reports (merged into en)."""

TEXTS: dict[str, str] = {
    # points and service hours
    "points.rule.claim": "claimed",
    "points.rule.resolve_on_time": "resolved on time",
    "points.rule.resolve_late": "resolved late",
    "points.rule.good_rating": "rated 4–5 by the resident",
    "points.rule.wish_fulfilled": "wish fulfilled",
    "points.rule.late_release": "released after its time limit",
    "points.rule.reopened": "reopened by the resident",
    "points.rule.correction": "admin's correction",
    "points.mine": "My points for {month}: {points}, service hours {hours}\n{lines}",
    "points.line": "#{line} {number} {rule} {points} pts {hours} h {note}",
    "points.no_lines": "(nothing yet)",
    "points.board": "{month} leaderboard, {scope}:\n{rows}",
    "points.rank": "{rank}. {name}  {points} pts  {hours} h",
    "points.scope.grid": "this grid",
    "points.scope.community": "the whole community",
    "points.corrected": "Line {line} ({number}) corrected: {points} pts; the reason is recorded.",
    "points.hours_saved": "Service hours for {number} recorded: {hours} h.",
    "button.hours": "{hours} h",
    "refused.points.amount": "A correction is 1 to {limit} points (may be negative).",
    "refused.points.fix_usage": (
        "Usage: /points fix LINE POINTS REASON, e.g. /points fix 12 -2 counted twice"
    ),
    "refused.points.hours": "Service hours must be between 0 and {limit}.",
    "refused.points.no_such_line": "There is no points line {line}.",
    "refused.points.not_admin": "Only a community admin can do that.",
    "refused.points.not_leader": "Only grid leaders and community admins see leaderboards.",
    "refused.points.not_yours": "{number} was not resolved by you; you cannot enter its hours.",
    "refused.period": "Not a period: {given}. A month is 2026-11, a quarter 2026Q4.",
    "period.bad_month": "Not a month: write it as 2026-11.",
    "period.bad_quarter": "Not a quarter: write it as 2026Q4.",
    "period.bad_dates": (
        "Not a date range: write dates as 2026-11-01, the first not after the last."
    ),
    "period.one_only": "Give one of month, quarter or from/to.",
    # stars
    "stars.item": "{scope} {name}: {stars}\n{reasons}",
    "stars.reason_met": "  ✓ {figure} {value} (standard {at_least})",
    "stars.reason_missed": "  ✗ {figure} {value} (standard {at_least})",
    "stars.proposed": "Proposed star levels for {month} ({count}); review, then publish:\n{items}",
    "stars.published": "Star levels for {month} published ({count}).",
    "stars.list": "Star levels for {month}:\n{items}",
    "stars.none_published": "The star levels for {month} are not published yet.",
    "button.stars_publish": "Reviewed: publish",
    "refused.stars.not_admin": "Only a community admin proposes and publishes star levels.",
    "refused.stars.published": "The star levels for {month} are published; they are not redone.",
    "refused.stars.none_proposed": "Nothing is proposed for {month} yet: propose first.",
    # wishes
    "wish.wall": "Wish wall\nWaiting:\n{waiting}\nFulfilled:\n{fulfilled}",
    "wish.wall_empty": "No wishes on the wall yet. Tell me yours in plain words.",
    "wish.none_open": "(none)",
    "wish.none_fulfilled": "(none)",
    "wish.item.waiting": "{number} waiting | {grid} {resident}: {text} (claim by {due}){overdue}",
    "wish.item.claimed": (
        "{number} claimed | {grid} {resident}: {text} (by {claimant}, fulfil by {due}){overdue}"
    ),
    "wish.item.fulfilled": (
        "{number} fulfilled | {grid} {resident}: {text} ({claimant}) Thanks: {thanks}"
    ),
    "wish.overdue": " [OVERDUE]",
    "wish.claimed": "You claimed wish {number}; the details are in your private chat.",
    "wish.ask_photo": (
        "Your wish {number} has come true! May the community's wish wall show this photo? "
        "(It never shows your name, phone or door.) A word of thanks is welcome too."
    ),
    "wish.ask_thanks": "Your wish {number} has come true! A word of thanks is shown on the wall.",
    "wish.ask_thanks_text": (
        "Write what you would like to say (shown on the wall; no phone or door):"
    ),
    "wish.thanks_saved": "Thank you! Your words are on the wish wall ({number}).",
    "wish.thanked": "The resident says about wish {number}: {text}",
    "wish.photo_shown": "Fine: the photo of {number} will be shown on the wall.",
    "wish.photo_hidden": "Fine: the photo of {number} will not be shown.",
    "button.wish_claim": "Claim wish {number}",
    "button.wish_show": "Show the photo",
    "button.wish_hide": "Don't show it",
    "button.wish_thanks": "Say thanks",
    "refused.wish.not_a_wish": "That is not a micro-wish.",
    "refused.wish.not_yours": "That is not your wish.",
    "refused.wish.not_fulfilled": "Wish {number} has not come true yet.",
    "refused.wish.no_photo": "Wish {number} has no photo.",
    "refused.wish.thanks_empty": "Please write a few words first.",
    # promises
    "promise.ask_span": "Promise: {text}\nUntil:",
    "button.promise_month": "end of this month",
    "button.promise_quarter": "end of this quarter",
    "button.promise_year": "end of this year",
    "promise.made": (
        "Promise made: {text} (until {last}); the wall and the cards you claim show it."
    ),
    "promise.none": (
        "You have made no promise. Send /promise TEXT, e.g. /promise visit two elders a month"
    ),
    "promise.list": "My promises:\n{items}",
    "promise.item": (
        "{name}: {text} ({first} to {last}, {status})\n"
        "  resolved meanwhile {resolved}, on time {on_time}, wishes fulfilled {wishes}"
    ),
    "promise.status.open": "running",
    "promise.status.kept": "kept",
    "promise.status.not_kept": "not kept",
    "promise.none_to_review": "No ended promise is waiting for review.",
    "promise.review_item": "Promise ended:\n{item}",
    "promise.marked": "Reviewed: {text} — {status}.",
    "button.promise_kept": "Kept",
    "button.promise_not_kept": "Not kept",
    "refused.promise.not_member": "Only members, leaders and co-building units make promises.",
    "refused.promise.length": "A promise is {least} to {most} characters.",
    "refused.promise.not_reviewer": "Only the grid's leader or a community admin reviews it.",
    "refused.promise.running": "The promise runs until {last}; review it after that.",
    # the group card's footer
    "card.footer": "\n{lines}",
    "card.footer_grid": "{grid}: {stars} ({month})",
    "card.footer_member": "{name}: {stars}",
    "card.footer_promise": "{name} promises: {text}",
    # charts
    "chart.trend": "{name}: the three rates month by month",
    "chart.community": "whole community",
    "chart.grids": "{period}: the grids' three rates",
    # reports
    "report.title": "{community} assessment report {period}",
    "report.generated": "Made: {time}",
    "report.sheet.definitions": "Definitions",
    "report.sheet.community": "Community",
    "report.sheet.grids": "Grids",
    "report.sheet.members": "Members",
    "report.sheet.units": "Units",
    "report.sheet.ledger": "Points ledger",
    "report.sheet.stars": "Star levels",
    "report.sheet.wishes": "Wishes",
    "report.sheet.promises": "Promises",
    "report.col.term": "Term",
    "report.col.definition": "Definition",
    "report.col.name": "Name",
    "report.col.grid": "Grid",
    "report.col.total": "Requests",
    "report.col.due_response": "Due for response",
    "report.col.response_rate": "On-time response",
    "report.col.due_resolution": "Due for resolution",
    "report.col.resolution_rate": "Resolution",
    "report.col.on_time_rate": "Resolved on time",
    "report.col.reopen_rate": "Reopened",
    "report.col.rated": "Ratings",
    "report.col.satisfaction_rate": "Satisfaction",
    "report.col.average_stars": "Average stars",
    "report.col.median_response_hours": "Median hours to claim",
    "report.col.median_resolution_hours": "Median hours to resolve",
    "report.col.wishes_fulfilled": "Wishes fulfilled",
    "report.col.points": "Points",
    "report.col.hours": "Service hours",
    "report.col.promises_kept": "Promises kept",
    "report.col.stars": "Stars",
    "report.col.month": "Month",
    "report.col.number": "Request",
    "report.col.rule": "For",
    "report.col.note": "Note",
    "report.col.line": "Line",
    "report.col.scope": "Who",
    "report.col.status": "Status",
    "report.col.reasons": "Reasons",
    "report.col.state": "State",
    "report.col.claimant": "Claimed by",
    "report.col.promise": "Promise",
    "report.col.first_day": "From",
    "report.col.last_day": "Until",
    "report.scope.community": "Community",
    "report.scope.grid": "Grid branch",
    "report.scope.member": "Member",
    "report.scope.unit": "Unit",
    "report.star.proposed": "{stars} (proposed)",
    "report.star.published": "{stars}",
    "report.star_status.proposed": "proposed",
    "report.star_status.published": "published",
    "report.wish.open": "waiting",
    "report.wish.fulfilled": "fulfilled",
    "report.def.counted": (
        "Counted: requests filed in the period, except rejected, merged and withdrawn ones; "
        "a member counts what they claimed (or were assigned), a unit what its representative "
        "claimed."
    ),
    "report.def.response_rate": (
        "On-time response: of the requests due for a response (claimed, or past their claim-by), "
        "the share claimed by their claim-by."
    ),
    "report.def.resolution_rate": (
        "Resolution: of the requests due for resolution (resolved, closed, or open past their "
        "resolve-by while not waiting on the resident), the share resolved, confirmed fixed, or "
        "closed after the resident did not answer."
    ),
    "report.def.satisfaction_rate": "Satisfaction: the share of ratings of 4 or 5 stars.",
    "report.def.on_time_rate": (
        "Resolved on time: of the solved requests, the share resolved by their resolve-by."
    ),
    "report.def.reopen_rate": (
        "Reopened: of the requests resolved at least once, the share the resident reopened."
    ),
    "report.def.medians": "Median hours: from filing to claim, and from filing to resolution.",
    "report.def.points": (
        "Points: computed from the audit trail by the points rules, each with its request and "
        "reason; an admin's correction is a line of its own with its reason."
    ),
    "report.def.hours": "Service hours: entered at resolve, else the category's default.",
    "report.def.stars": (
        "Stars: one for taking part, one for each standard met, five at most; "
        "published by an admin."
    ),
    "report.rates_note": "Only requests that are due count; a rate nothing is due for shows —.",
    # the wish wall page
    "wall.title": "Wish wall",
    "wall.subtitle": "{community} · micro-wishes",
    "wall.how": (
        "A wish? Just tell linli, e.g. a school bag for my grandson. Members and units claim it."
    ),
    "wall.waiting": "Waiting",
    "wall.fulfilled": "Fulfilled",
    "wall.state.waiting": "waiting",
    "wall.state.claimed": "claimed",
    "wall.state.fulfilled": "fulfilled",
    "wall.claimed_by": "Claimed by {name}",
    "wall.due_claim": "claim by {date}",
    "wall.due_fulfil": "fulfil by {date}",
    "wall.overdue": "overdue",
    "wall.filed": "made {date}",
    "wall.thanks": "Thanks: {text}",
    "wall.promises": "Promises",
    "wall.promise": "{name}: {text} (until {until})",
    "wall.stars": "Star grid branches",
    "wall.star": "{name} {stars} ({month})",
    "wall.none": "none",
    "wall.photo_alt": "the wish come true",
    # web leader page and downloads
    "web.leader.chart_alt": "the three rates month by month",
    "web.leader.report": "Download this month's report (Excel)",
    "web.leader.wall": "Wish wall",
    "web.leader.stars": "Stars: {stars} ({month})",
    "web.error.no_font": (
        "No Chinese font to draw charts: install fonts-wqy-microhei or fonts-noto-cjk."
    ),
    # command line
    "cli.report.written": "Wrote {file} ({period}, {sheets} sheets)",
    "cli.report.csv_written": "Wrote {count} CSV files to {folder}",
    "cli.report.chart_written": "Drew {file}",
    "cli.report.out_type": "--out takes an .xlsx file: {file}",
    "cli.points.settled": "{month}: {lines} points lines, {points} points, {hours} hours",
    "cli.points.corrected": "Line {line} corrected: {points} points ({reason})",
    "cli.stars.line": "{scope} {name}: {stars} {status}",
    "cli.stars.published": "{month}: {count} star levels published",
    "cli.account.bad_policy": "The accountability file {file} is wrong: {problem}",
}
