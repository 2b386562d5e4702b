"""English: the second catalogue, same keys and placeholders as zh-CN."""

from handlers.texts.account_en import TEXTS as ACCOUNT_TEXTS

TEXTS: dict[str, str] = {
    "status.submitted": "submitted",
    "status.routed": "waiting for a member",
    "status.claimed": "in progress",
    "status.resolved": "done, awaiting your confirmation",
    "status.closed": "closed",
    "status.reopened": "reopened",
    "status.escalated": "escalated",
    "status.rejected": "not accepted",
    "status.merged": "merged",
    "status.cancelled": "withdrawn",
    "type.wish": "micro-wish",
    "type.complaint": "problem report",
    "type.help": "request for help",
    "type.consult": "question",
    "type.suggestion": "suggestion",
    "level.grid": "the grid",
    "level.community": "the community party committee",
    "level.unit": "a co-building unit",
    "role.resident": "resident",
    "role.member": "party member / grid worker",
    "role.leader": "grid leader",
    "role.admin": "community admin",
    "role.unit": "co-building unit representative",
    "action.submit": "submit",
    "action.route": "dispatch",
    "action.claim": "claim",
    "action.assign": "assign",
    "action.release": "release",
    "action.progress": "report progress",
    "action.resolve": "resolve",
    "action.confirm": "confirm",
    "action.reopen": "reopen",
    "action.auto_close": "close for no answer",
    "action.close_unfixed": "close as not fixed",
    "action.escalate": "escalate",
    "action.reject": "reject",
    "action.merge": "merge",
    "action.cancel": "withdraw",
    "action.recategorise": "recategorise",
    "action.rate": "rate",
    "action.follow": "follow",
    "action.remind": "remind",
    "action.breach": "overdue",
    "action.pause": "pause the clock",
    "action.resume": "resume the clock",
    "button.claim": "Claim",
    "button.claim_n": "Claim {number}",
    "button.submit": "Submit",
    "button.change_category": "Change category",
    "button.change_address": "Change address",
    "button.cancel": "Cancel",
    "button.yes": "Yes",
    "button.retype": "No, type again",
    "button.building": "{name}",
    "button.category": "{name}",
    "button.category_suggested": "Suggested: {name}",
    "button.other_category": "Other categories…",
    "button.join": "Same thing? Follow it",
    "button.not_same": "No, submit mine",
    "button.same_matter": "More on the same",
    "button.new_matter": "Another matter",
    "button.drop_draft": "Never mind, don't file it twice",
    "button.no_place": "Can't say where: send to the community",
    "button.skip_address": "Skip the address for now",
    "button.merge_into": "Merge into {number}",
    "button.progress": "Progress",
    "button.resolve": "Resolve",
    "button.release": "Give back",
    "button.fixed": "Solved",
    "button.not_fixed": "Not solved",
    "button.fixed_n": "{number} solved",
    "button.not_fixed_n": "{number} not solved",
    "button.cancel_n": "Withdraw {number}",
    "button.stars.1": "1★",
    "button.stars.2": "2★",
    "button.stars.3": "3★",
    "button.stars.4": "4★",
    "button.stars.5": "5★",
    "button.forget_yes": "Delete",
    "button.forget_no": "Keep",
    "button.assign": "Assign",
    "button.escalate": "Escalate",
    "button.reject": "Reject",
    "button.merge": "Merge",
    "button.recat": "Recategorise",
    "button.close": "Close",
    "button.member": "{name} ({posts})",
    "start.welcome": (
        "Hello! This is Linli, your community service. Tell me about anything near home — a "
        "broken corridor light, help buying medicine, a policy question — in words or photos; "
        "party members in your grid take it on, and you rate the result."
    ),
    "start.welcome_staff": "Welcome, {name}! You have joined as {role}.",
    "start.ask_name": (
        "The invite code is valid: you join as {role}. What is your name? (The grid group "
        "sees it on the requests you claim.)"
    ),
    "help.resident": (
        "Just tell me what it is; photos are welcome.\n/my my requests\n/address change address\n"
        "/phone leave a phone number\n/mydata what is stored about me\n"
        "/forget delete my personal data\n/cancel cancel\n"
        "Community notices: reply 退订 to stop them, 订阅 to get them again"
    ),
    "help.member": (
        "Claim tasks in the grid group; report on them here.\n/tasks my tasks\n"
        "/wishes the wish wall\n/points my points\n/promise make a promise\n/stars star levels\n"
        "/cancel cancel\n"
        "As 政策宣传员: /broadcast a notice to your grid, /broadcasts your notices' delivery"
    ),
    "help.leader": (
        "You are alerted to urgent, overdue, reopened and poorly rated requests.\n/open open "
        "requests\n/stats grid figures\n/tasks my tasks\n/points grid leaderboard\n"
        "/promise review ended promises\n/wishes the wish wall\n"
        "In the grid group send /bindgrid CODE\n"
        "/broadcast a notice to your grid's residents and group\n/broadcasts their delivery"
    ),
    "help.admin": (
        "/open requests to handle\n/needs needs waiting for a unit\n/stats community figures\n"
        "/stats CODE one grid\n/stars MONTH star levels\n/points community leaderboard\n"
        "/points fix LINE N REASON correct\n/broadcast a notice to grids or the community\n"
        "/broadcasts recent notices and their delivery\n"
        "The console: the web address followed by /admin"
    ),
    "dialog.cancelled": "OK, cancelled.",
    "dialog.unknown_command": "There is no /{command}; send /help to see what I can do.",
    "dialog.resume": "Back to what we were doing:",
    "dialog.resume_any": (
        "We were in the middle of something: please answer the question above, or send “cancel”."
    ),
    "error.generic": (
        "Sorry, something went wrong and that step was not done. Please try again later."
    ),
    # telegram
    "command.start": "Start, or join with an invite code",
    "command.my": "My requests",
    "command.address": "Change my address",
    "command.phone": "Leave a phone number (you choose who sees it)",
    "command.help": "Help",
    "command.cancel": "Cancel what I am doing",
    "command.forget": "Delete my personal data",
    "command.mydata": "What is stored about me",
    "command.bindgrid": "Grid leader: bind this group to a grid, e.g. /bindgrid XF-01",
    "command.open": "Open requests of my grid",
    "command.stats": "Statistics",
    "command.tasks": "My tasks",
    "command.wishes": "The wish wall",
    "command.points": "Points",
    "command.promise": "My public commitment",
    "command.stars": "Star levels",
    "command.unit": "My unit's needs and work",
    "command.needs": "Needs waiting for a co-building unit",
    "command.broadcast": "Send a notice",
    "command.broadcasts": "Notices I sent and their delivery",
    "telegram.unsupported": (
        "I can only take text, photos and locations. Send pictures as a photo, not as a file."
    ),
    "address.ask": "Where do you live? For example: 幸福家园5号楼2单元301.",
    "address.confirm": "Do you live at {name} {detail}?",
    "address.choose": "I found several close matches; please pick one:",
    "address.not_found": "I could not find that address; please give the estate and building.",
    "address.bound": "Address saved: {name}.",
    "address.bound_next": "Address saved: {name}. Just tell me whenever something comes up.",
    "address.kept_problem": "I've noted what you said and will file it shortly.",
    "address.skipped": (
        "All right, no address for now. Just tell me when something comes up and I'll ask where."
    ),
    "draft.need_text": "Got the photo. Please add a sentence about what it is.",
    "draft.need_address": "Where is this? Please tell me the estate and building.",
    "draft.summary": (
        "Here is what I understood:\nCategory: {topic}\nType: {type}\nPlace: {where}\n"
        "Time limit: within {hours} hours\nKeywords: {keywords}\nPhotos: {photos}\nCorrect?"
    ),
    "draft.unsure": (
        "I am not sure which category this is ({topic}); please choose:\nPlace: {where}\n"
        "Photos: {photos}"
    ),
    "draft.place": "Place of this matter: {name} (your home address stays as it is).",
    "draft.pick_category": "Choose a category:",
    "draft.duplicate": "Someone nearby reported something similar ({number}: {text}, {status}). "
    "Is it the same thing?",
    "draft.joined": "You now follow {number} and will hear of its progress.",
    "draft.cut": "Your message has {total} characters, too long: I kept the first {kept}.",
    "draft.clarify": (
        "I didn't quite understand. Could you say a bit more: where, what happened, what "
        "help you need?"
    ),
    "draft.no_place": "not given (the community will route it)",
    "draft.same_or_new": "Is what you just said more about “{text}”, or another matter?",
    "draft.queued": "All right, I've noted the other matter; let's finish this one first.",
    "draft.next": "Now the other matter you mentioned: {text}",
    "draft.already_reported": (
        "You have already reported this ({number}, {status}); no need to file it again. "
        "If it is another matter, press “No, submit mine”."
    ),
    "resident.submitted": (
        "Received: request {number} ({topic}). Your grid will take it by {claim_by} and resolve "
        "it by {deadline}. We will keep you posted."
    ),
    "resident.submitted_urgent": (
        "⚠️ If anyone is in danger, call {hotlines} now! Your grid leader has been alerted too; "
        "request {number}."
    ),
    "resident.status": "Your request {number} is now: {status}.",
    "resident.status_note": "Your request {number} is now: {status}.\nProgress: {note}",
    "resident.resolved": "Your request {number} is done: {note}\nIs the problem solved?",
    "resident.rate": "Please rate how request {number} was handled:",
    "resident.thanks": "Thank you for your rating ({stars}★)!",
    "resident.following": "Following {number} ({status}); {count} people follow it.",
    "resident.confirmed": "Thanks, {number} is closed.",
    "resident.reopened": "{number} goes back to the grid.",
    "resident.cancelled": "{number} withdrawn.",
    "my.none": "You have no requests yet. Just tell me whenever something comes up.",
    "my.list": "Your latest {count} requests:\n{items}",
    "my.item": "{number} · {text} · {status}",
    "my.item_followed": "☆ {number} · {text} · {status}",
    "forget.confirm": "Delete your name, phone and address? Your requests stay, anonymised.",
    "forget.done": "Your personal data has been deleted.",
    "mydata.summary": (
        "What we keep about you:\nName: {name}\nAddress: {address}\nPhone: {phone}\n"
        "Chat accounts:\n{identities}\nRequests ({count}):\n{requests}\nSend /forget to "
        "delete your name, phone and address; your requests stay, anonymised."
    ),
    "mydata.none": "none",
    "mydata.phone_shared": "{phone} (whoever handles your request may see it)",
    "mydata.phone_private": "{phone} (not shown to whoever handles it)",
    "mydata.request": "{number} · {date} · {status}",
    "mydata.channel.web": "web chat",
    "mydata.channel.telegram": "Telegram",
    "card.urgent": "[URGENT] ",
    "card.claim_by": "Claim by: {time}",
    "card.resolve_by": "Resolve by: {time}",
    "card.request": (
        "{urgent}{overdue}{number} | {topic} · {type}\n{text}\nResident: {who} · {where}\n"
        "{clock}\nKeywords: {keywords}\n"
        "Status: {status}  Claimed by: {claimant}{mention}{footer}"
    ),
    "card.mention": "\n{names}: this fits your posts, please take a look.",
    "group.digest": (
        "{count} new requests (many messages are waiting for this group, so they come as one; "
        "most urgent first):\n{items}"
    ),
    "group.digest_item": (
        "\n{overdue}{number} | {topic} · {where}  Claim by: {claim_by}\n{excerpt}{state}{mention}"
    ),
    "group.digest_state": "\nStatus: {status}  Claimed by: {claimant}",
    "group.help": "The grid leader sends /bindgrid CODE here (e.g. /bindgrid XF-01) to bind it.",
    "group.bind_usage": "Usage: /bindgrid CODE, e.g. /bindgrid XF-01",
    "group.bound": "This group now speaks for {name} ({code}); new requests appear here.",
    "claim.ok": "Claimed {number}; details sent to you privately.",
    "task.details": (
        "Task {number} ({topic})\n{text}\nResident: {name}  Phone: {phone}\nAddress: {where}\n"
        "Resolve by: {deadline}"
    ),
    "task.phone_hidden": "not shared",
    "task.released": "{number} given back to the grid.",
    "tasks.none": "You have no tasks in progress.",
    "note.ask_progress": "{number}: what is the progress? (a photo is welcome)",
    "note.ask_resolve": "{number}: what was done? (a photo is welcome)",
    "note.saved": "Progress on {number} recorded and passed on to the resident.",
    "note.resolved": "{number} resolved; waiting for the resident to confirm.",
    "member.reassigned": "{number} has been reassigned to {to}.",
    "member.released": "{number} went back to the grid: {note}",
    "member.reopened": "The resident says {number} is not solved; it is back with the grid: {note}",
    "member.confirmed": "The resident confirmed {number} is solved. Thank you!",
    "member.rated": "The resident rated {number} {stars}★.",
    "leader.urgent": "[URGENT] {number} ({topic}) {where}: {text}",
    "leader.reopened": "{number} was sent back by the resident ({times}×): {note}",
    "leader.low_rating": "{number} was rated {stars}★: {comment}",
    "leader.item": "{urgent}{number} · {status} · {place}\n{text}",
    "leader.item_unsure": "{urgent}{number} · {status} · {place}\n{text}\nPossibly: {maybe}",
    "leader.urgent_mark": "🔴[URGENT] ",
    "leader.none_open": "No open requests in your grid.",
    "leader.pick_member": "Assign {number} to:",
    "leader.assigned": "{number} assigned.",
    "leader.escalated_done": "{number} escalated to {level}.",
    "leader.ask_reason": "{number}: why is it not accepted? (the resident will see this)",
    "leader.ask_close_note": "{number}: why can it not be fixed? (the resident will see this)",
    "leader.ask_merge": "Merge {number} into which request? Its number, e.g. 20261122-0012:",
    "leader.done": "{number}: {status}.",
    "leader.pick_category": "Which category?",
    "leader.recategorised": "{number} is now: {category}.",
    "leader.stats": (
        "{grid}, last {days} days:\n{total} requests, {open} open, {overdue} overdue\n"
        "Response on time {response_rate} ({due_response} due)  "
        "Resolved {resolution_rate} ({due_resolution} due)\n"
        "Satisfaction {satisfaction_rate} ({rated} ratings, average {average_stars}★)\n{rules}"
    ),
    "stats.rules": (
        "Only requests that are due count: claimed or past the claim-by for response, "
        "resolved or past the resolve-by for resolution; one still within its time limit "
        "lowers no rate."
    ),
    "admin.unrouted": "{urgent}Request {number} matched no grid; please dispatch it: {text}",
    "refused.state": "{number} is {status}; it cannot {action} now.",
    "refused.conflict": "{number} was just changed by someone else; please refresh.",
    "refused.claim.taken": "Too late: {number} has been claimed by someone else.",
    "refused.claim.limit": "You already hold {limit} open tasks; finish one first.",
    "refused.assign.not_member": "Only members of this grid can be assigned.",
    "refused.escalate.top": "{number} is already at the top level.",
    "refused.follow.already": "You already follow {number}.",
    "refused.merge.target": "No request {number} to merge into (another open one of this grid).",
    "refused.reason_required": "Please give a reason.",
    "refused.rate.range": "Please rate from 1 to 5 stars.",
    "refused.rate.already": "{number} has been rated already, thank you!",
    "refused.progress.empty": "Please write a few words or send a photo.",
    "refused.empty_request": "Please say what it is about.",
    "refused.no_such_request": "No such request.",
    "refused.no_such_grid": "There is no grid with code {code}.",
    "refused.no_such_building": "No such building.",
    "refused.no_such_category": "There is no category {code}.",
    "refused.unknown_person": "No such person.",
    "refused.not_staff": "Link your member account with an invite code first (/start CODE).",
    "refused.not_leader": "Only grid leaders can do this.",
    "refused.stats.not_leader": "Only grid leaders and community admins can see figures.",
    "refused.bindgrid.not_leader": "Only the leader of {code} can bind this group.",
    "refused.invite.unknown": "That invite code is not right; please check it.",
    "refused.invite.used": "That invite code has been used already.",
    "refused.invite.expired": "That invite code has expired; ask the community for a new one.",
    "refused.invite.role": "Residents need no invite code.",
    "refused.invite.needs_grid": "Member and leader invites need a grid.",
    "refused.name.empty": "Please write your name.",
    "refused.forget.staff": "Members' records are kept by the community; please ask them.",
    "refused.stale_button": "That button is no longer valid.",
    "refused.who.route": "Only community admins can dispatch.",
    "refused.who.claim": "Only members of this grid can claim {number}.",
    "refused.who.assign": "Only this grid's leader can assign {number}.",
    "refused.who.release": "Only the claimant or the grid leader can give {number} back.",
    "refused.who.progress": "Only the claimant can report progress on {number}.",
    "refused.who.resolve": "Only the claimant or the grid leader can resolve {number}.",
    "refused.who.confirm": "Only the resident who filed {number} can confirm it.",
    "refused.who.reopen": "Only the resident who filed {number} can reopen it.",
    "refused.who.auto_close": "{number} is closed for no answer by the system only.",
    "refused.who.close_unfixed": "Only the grid leader can close {number}.",
    "refused.who.escalate": "Only the grid leader can escalate {number}.",
    "refused.who.reject": "Only the grid leader can reject {number}.",
    "refused.who.merge": "Only the grid leader can merge {number}.",
    "refused.who.cancel": "Only the resident who filed {number} can withdraw it.",
    "refused.who.recategorise": "Only the grid leader can recategorise {number}.",
    "refused.who.rate": "Only the resident who filed {number} can rate it.",
    "refused.who.follow": "Only residents can follow {number}.",
    "refused.who.pause": "Only the claimant or the grid leader can pause {number}.",
    "refused.who.resume": "You may not resume the clock of {number}.",
    # web chat
    "web.title": "Linli · community services",
    "web.locale_name": "English",
    "web.tab.chat": "Chat",
    "web.tab.room": "Grid room",
    "web.tab.leader": "Leader",
    "web.tab.signin": "Staff sign-in",
    "web.input.placeholder": "Tell us what happened; you can send a photo too",
    "web.send": "Send",
    "web.photo": "Photo",
    "web.photo_alt": "Photo",
    "web.large_text": "Large text",
    "web.empty": "No messages yet.",
    "web.room.hint": "New requests of this grid appear here; press “Claim” to take one.",
    "web.signin.title": "Sign-in for party members, grid workers and leaders",
    "web.signin.hint": "Enter the invite code your community gave you.",
    "web.signin.code": "Invite code",
    "web.signin.submit": "Sign in",
    "web.demo.title": "Demo: switch roles and play a request from report to rating",
    "web.demo.resident": "Resident",
    "web.demo.room": "Grid room",
    "web.demo.member": "Member",
    "web.demo.leader": "Leader",
    "web.demo.resident_name": "Auntie Zhang",
    "web.leader.title": "Open requests of this grid",
    "web.leader.status": "State",
    "web.leader.category": "Category",
    "web.leader.all": "All",
    "web.leader.none": "No open requests match.",
    "web.leader.deadline": "Due",
    "web.leader.claimant": "Claimed by",
    "web.leader.urgent": "Urgent",
    "web.tone.green": "on time",
    "web.tone.amber": "due soon",
    "web.tone.red": "overdue",
    "web.tone.urgent": "urgent: act now",
    "web.tone.none": "no deadline",
    "web.stats.title": "Last 30 days",
    "web.stats.response_rate": "On-time response",
    "web.stats.resolution_rate": "Resolved",
    "web.stats.satisfaction_rate": "Satisfied",
    "web.stats.total": "Requests",
    "web.stats.open": "Open",
    "web.stats.overdue": "Overdue",
    "web.error.csrf": "This page has expired; please reload it and try again.",
    "web.error.rate_limited": "You are sending too fast; please wait a moment.",
    "web.error.too_large": "That is too large; photos must be under 5 MB.",
    "web.error.not_a_photo": "Only JPEG, PNG or WebP photos can be uploaded.",
    "web.error.no_photo": "No photo arrived.",
    "web.error.bad_request": "Something was wrong with that request; please reload and retry.",
    "web.error.too_long": (
        "That message is too long (over 10,000 characters); please send it in parts."
    ),
    "web.error.not_found": "Not found.",
    "web.error.not_in_room": "You are not a member of this grid.",
    "web.error.offline": "Connection lost; reconnecting…",
    # time limits and the clock
    "card.overdue": "[OVERDUE] ",
    "member.reminder": (
        "Reminder: {number} ({topic}) is due {deadline} and three quarters of the "
        "time has gone. Please finish it or report progress."
    ),
    "leader.overdue": (
        "[OVERDUE] {number} ({topic}) passed its deadline {deadline}. "
        "Status: {status}; claimed by: {claimant}."
    ),
    "group.unclaimed": (
        "{number} ({topic}) passed its claim-by time {claim_by} and nobody has "
        "claimed it yet. Who can take it?"
    ),
    "member.stale_released": (
        "{number} had no progress for {days} days, so it went back to the grid for others to claim."
    ),
    "member.resumed": (
        "The resident answered on {number}: {note}. The clock runs again; it is now due {deadline}."
    ),
    "leader.digest": (
        "{grid} daily digest ({date}):\n"
        "{new} new, {open} open, {overdue} of them overdue\n"
        "{resolved} resolved, {rated} rated"
    ),
    "refused.pause.already": "{number} is already waiting on the resident; its clock is paused.",
    "refused.resume.not_paused": "{number}'s clock is not paused.",
    # asking the resident (the clock pauses)
    "button.ask": "Ask resident",
    "button.answer": "Answer",
    "resident.question": (
        "About your request {number}, the member handling it asks: {question}\n"
        "Press Answer and type; the time limit waits for your reply."
    ),
    "note.ask_question": (
        "{number}: what do you want to ask the resident? (the clock pauses until they answer)"
    ),
    "note.asked": "Question sent; the clock of {number} is paused.",
    "answer.ask": "Please type your answer about {number}:",
    "answer.sent": "Passed on to the member handling it. Thank you!",
    "answer.sent_to": "Your reply has been passed on to whoever handles {number}. Thank you!",
    # roster
    "roster.column.kind": "kind",
    "roster.column.code": "code",
    "roster.column.name": "name",
    "roster.column.community": "community",
    "roster.column.grid": "grid",
    "roster.column.aliases": "aliases",
    "roster.column.lat": "latitude",
    "roster.column.lon": "longitude",
    "roster.column.role": "role",
    "roster.column.phone": "phone",
    "roster.column.posts": "posts",
    "roster.column.skills": "skills",
    "roster.kind.community": "communities",
    "roster.kind.grid": "grids",
    "roster.kind.building": "buildings",
    "roster.kind.person": "people",
    "roster.identity.community": "Community code",
    "roster.identity.grid": "Grid code",
    "roster.identity.building": "Building name",
    "roster.identity.person": "Person code",
    "roster.problem.required": "The {label} is missing",
    "roster.problem.kind": (
        "Kind “{value}” is not known; it should be one of community, grid, building, person, "
        "unit, resource, service"
    ),
    "roster.problem.role": (
        "Role “{value}” is not known; it should be one of member, leader, admin, unit"
    ),
    "roster.problem.post": "Post “{value}” is not one of the eight posts ({posts})",
    "roster.problem.phone": (
        "Phone “{value}” is not a valid mobile number: 11 digits starting with 1, "
        "spaces, dashes or +86 allowed"
    ),
    "roster.problem.number": "The {label} “{value}” is not a number",
    "roster.problem.range": (
        "The {label} {value} is out of range (latitude -90 to 90, longitude -180 to 180)"
    ),
    "roster.problem.pair": "Fill in both latitude and longitude, or neither",
    "roster.problem.duplicate": "{what} “{value}” is repeated: row {first} already has it",
    "roster.problem.unknown_community": (
        "No community with code “{value}” (neither in the roster nor in the database)"
    ),
    "roster.problem.unknown_grid": (
        "No grid with code “{value}” (neither in the roster nor in the database)"
    ),
    "roster.problem.mismatch": "Grid {grid} belongs to community {actual}, not {value}",
    "roster.problem.column": "Unknown column name “{value}”",
    "roster.problem.no_kind": (
        "The kind column is missing; with a sheet per kind, name the sheets "
        "community, grid, building, person, unit, resource, service"
    ),
    "roster.problem.unreadable": "The file cannot be read: {value}",
    "roster.problem.not_list": "“{value}” should hold a list (each item starting with “- ”)",
    "roster.problem.yaml_top": (
        "The file should consist of the lists communities, grids, buildings, people, units, "
        "resources and services"
    ),
    "roster.problem.not_item": "This item should have the form “field: value”",
    "roster.problem_line": "Row {row} · field {field}: {message}",
    "roster.problem_file": "{field}: {message}",
    "roster.problem_sheet": "Sheet {sheet} · {line}",
    "roster.summary": (
        "{verb}: {community}; {grid}; {building}; {person}; {unit}; {resource}; {service}"
    ),
    "roster.summary_kind": "{kind}: {created} new, {updated} updated, {unchanged} unchanged",
    "roster.imported": "Roster imported",
    "roster.dry_run": "Dry run (nothing written)",
    "roster.count": "{kind}: {count}",
    "roster.exported": (
        "{file}: {community} · {grid} · {building} · {person} · {unit} · {resource} · {service}"
    ),
    "roster.file_type": "{file}: a roster file ends in one of {suffixes}",
    # admin command line (linli db, invite, history, outbox; bad settings)
    "cli.settings.invalid": "error: {name}: {problem}",
    "cli.settings.roster": (
        "{file} {problem} ({count} problem(s) in all; linli roster import {file} --dry-run "
        "lists them)"
    ),
    "cli.limits.shipped": "the shipped taxonomy",
    "cli.limits.header": (
        "Time limits ({source}): category sub-category (code) claim-by / resolve-by"
    ),
    "cli.limits.row": "{category} {name} ({code}): claim {claim:g} h / resolve {resolve:g} h",
    "cli.limits.urgent": (
        "Urgent requests: claim {claim:g} h / resolve {resolve:g} h "
        "(whichever is shorter, round the clock)"
    ),
    "cli.db.upgraded": "database is up to date",
    "cli.invite.unknown_role": "unknown role “{role}”: use member, leader, admin or unit",
    "cli.invite.telegram": "Telegram: /start {code}   (valid {hours:g} h)",
    "cli.history.file_type": "{file}: the file must end in .jsonl",
    "cli.history.exported": "{file}: {count} requests ({corrected} recategorised by leaders)",
    "cli.outbox.entry": (
        "{id}\t{status}\t{channel}:{chat_id}\t{key}\ttries={attempts}\tnext={when}{error}"
    ),
    "cli.outbox.last_error": "  last error: {error}",
    "cli.outbox.dead": "{count} dead",
    "cli.outbox.queued": "{count} queued",
    "cli.outbox.retry_target": "give a message id or --all-dead (not both)",
    "cli.outbox.requeued": "requeued {count}",
    "cli.outbox.pruned": (
        "deleted {count} messages delivered or given up on over {days} days ago "
        "(broadcasts keep their counts)"
    ),
    "cli.outbox.kept": (
        "LINLI_POLICY__OUTBOX_KEEP_DAYS is 0: messages are kept, none deleted; "
        "give --days to delete"
    ),
    # phone number and consent
    "phone.ask": "Your mobile number (so the member handling it can reach you if needed):",
    "phone.share": "May the member handling your request see this number? The group never does.",
    "phone.saved_shared": "Saved. The member handling your request can see your number.",
    "phone.saved_private": "Saved, but not shown to anyone handling it. Send /phone to change.",
    "button.phone_share": "Show it to them",
    "button.phone_keep": "Keep it private",
    "refused.phone.malformed": (
        "That does not look like a mobile number; please type 11 digits, e.g. 13800001234."
    ),
    # requests no grid matched
    "resident.submitted_unrouted": (
        "Received: request {number} ({topic}). We could not match your grid yet, so the "
        "community will dispatch it; we will keep you posted."
    ),
    "resident.submitted_urgent_unrouted": (
        "⚠️ If anyone is in danger, call {hotlines} now! Request {number} has gone to the "
        "community. Please tell me your address so the grid can get there fast."
    ),
    "button.route": "To {grid}",
    "admin.routed": "{number} dispatched to {grid}.",
    # the open API (Open311 GeoReport v2) errors
    "open311.bad_status": "status must be open or closed, not “{value}”",
    "open311.bad_range": (
        "bad date range: start_date must come before end_date, at most {days} days apart"
    ),
    "open311.bad_service": "no published service “{value}”",
    "open311.bad_date": "“{value}” is not a W3C date-time (e.g. 2026-12-01T08:00:00+08:00)",
    "open311.not_found": "no published request “{number}”",
    **ACCOUNT_TEXTS,  # accountability: points, stars, wishes, promises, reports
}


from handlers.texts import community_en  # noqa: E402 - the community level's entries

TEXTS |= community_en.TEXTS

from handlers.texts import broadcast_en  # noqa: E402 - broadcasts' entries

TEXTS |= broadcast_en.TEXTS
