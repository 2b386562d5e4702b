"""简体中文 (zh-CN): the default catalogue. Full-width punctuation, named placeholders only."""

from handlers.texts.account_zh_cn import TEXTS as ACCOUNT_TEXTS

TEXTS: dict[str, str] = {
    # states, types, levels, roles, actions — rendered inside other messages
    "status.submitted": "已提交",
    "status.routed": "待认领",
    "status.claimed": "办理中",
    "status.resolved": "已办结待确认",
    "status.closed": "已关闭",
    "status.reopened": "重新办理",
    "status.escalated": "已上报",
    "status.rejected": "不予受理",
    "status.merged": "已合并",
    "status.cancelled": "已撤回",
    "type.wish": "微心愿",
    "type.complaint": "问题反映",
    "type.help": "求助",
    "type.consult": "咨询",
    "type.suggestion": "建议",
    "level.grid": "网格",
    "level.community": "社区大党委",
    "level.unit": "共建单位",
    "role.resident": "居民",
    "role.member": "党员/网格员",
    "role.leader": "网格长",
    "role.admin": "社区管理员",
    "role.unit": "共建单位代表",
    "action.submit": "提交",
    "action.route": "派单",
    "action.claim": "认领",
    "action.assign": "指派",
    "action.release": "退回",
    "action.progress": "进展",
    "action.resolve": "办结",
    "action.confirm": "确认解决",
    "action.reopen": "重新办理",
    "action.auto_close": "超时关闭",
    "action.close_unfixed": "关闭（未解决）",
    "action.escalate": "上报",
    "action.reject": "不予受理",
    "action.merge": "合并",
    "action.cancel": "撤回",
    "action.recategorise": "改类别",
    "action.rate": "评价",
    "action.follow": "关注",
    "action.remind": "提醒",
    "action.breach": "超时",
    "action.pause": "暂停计时",
    "action.resume": "恢复计时",
    # buttons
    "button.claim": "认领",
    "button.claim_n": "认领 {number}",
    "button.submit": "提交",
    "button.change_category": "改类别",
    "button.change_address": "改地址",
    "button.cancel": "取消",
    "button.yes": "是的",
    "button.retype": "不是，重新输入",
    "button.building": "{name}",
    "button.category": "{name}",
    "button.category_suggested": "建议：{name}",
    "button.other_category": "其他类别…",
    "button.join": "同一件事？加入关注",
    "button.not_same": "不是，继续提交",
    "button.same_matter": "是补充",
    "button.new_matter": "是另一件事",
    "button.drop_draft": "不用了，不重复提交",
    "button.no_place": "说不清地点，交给社区",
    "button.skip_address": "先不登记地址",
    "button.merge_into": "并入 {number}",
    "button.progress": "报进展",
    "button.resolve": "办结",
    "button.release": "退回",
    "button.fixed": "已解决",
    "button.not_fixed": "没解决",
    "button.fixed_n": "{number} 已解决",
    "button.not_fixed_n": "{number} 没解决",
    "button.cancel_n": "撤回 {number}",
    "button.stars.1": "1星",
    "button.stars.2": "2星",
    "button.stars.3": "3星",
    "button.stars.4": "4星",
    "button.stars.5": "5星",
    "button.forget_yes": "确认删除",
    "button.forget_no": "不删了",
    "button.assign": "指派",
    "button.escalate": "上报",
    "button.reject": "不予受理",
    "button.merge": "合并",
    "button.recat": "改类别",
    "button.close": "关闭",
    "button.member": "{name}（{posts}）",
    # start and help
    "start.welcome": (
        "您好！这里是“邻里”社区服务。家门口的大事小事，比如楼道灯坏了、想找人帮忙买药、"
        "问问政策，直接打字或发照片告诉我就行，网格里的党员和网格员会接单办理，办完请您评价。"
    ),
    "start.welcome_staff": "{name}，欢迎！您已作为{role}加入。",
    "start.ask_name": (
        "邀请码有效，您将作为{role}加入。请告诉我您的姓名（认领诉求时网格群会看到）："
    ),
    "help.resident": (
        "直接说出您的事情就行，可以发照片。\n/my 我的诉求\n/address 修改地址\n"
        "/phone 留电话\n/mydata 看看保存了我的哪些信息\n/forget 删除我的个人信息\n"
        "/cancel 取消当前操作\n社区通知：回复“退订”不再接收，“订阅”恢复"
    ),
    "help.member": (
        "在网格群里点“认领”接单，办理情况在这里私聊报告。\n/tasks 我的任务\n"
        "/wishes 心愿墙\n/points 我的积分\n/promise 亮承诺\n/stars 星级\n/cancel 取消当前操作\n"
        "政策宣传员：/broadcast 向本网格发通知，/broadcasts 我发的通知和送达情况"
    ),
    "help.leader": (
        "紧急、超时、重新办理和差评会第一时间提醒您。\n/open 本网格未办结诉求\n/stats 本网格数据\n"
        "/tasks 我的任务\n/points grid 本网格积分榜\n/promise review 评议到期承诺\n"
        "/wishes 心愿墙\n在网格群里发 /bindgrid 网格编码 绑定群聊\n"
        "/broadcast 向本网格居民和网格群发通知\n/broadcasts 我发的通知和送达情况"
    ),
    "help.admin": (
        "/open 待处理诉求\n/needs 待派给共建单位的需求\n/stats 全社区数据\n"
        "/stats 网格编码 某网格数据\n/stars 月份 评定星级\n/points community 全社区积分榜\n"
        "/points fix 条目号 分值 原因 更正积分\n/broadcast 向网格或全社区发通知\n"
        "/broadcasts 最近的通知和送达情况\n管理台：网页地址后加 /admin"
    ),
    "dialog.cancelled": "好的，已取消。",
    "dialog.unknown_command": "没有 /{command} 这个命令，发 /help 看看能做什么。",
    "dialog.resume": "刚才的事还没办完：",
    "dialog.resume_any": "刚才的事还没办完，请接着回答上面的问题，或发“取消”。",
    "error.generic": "抱歉，系统出了点问题，刚才这一步没有办成，请稍后再试一次。",
    # telegram
    "command.start": "开始使用，或用邀请码加入",
    "command.my": "我的诉求",
    "command.address": "修改地址",
    "command.phone": "留电话（可选择是否给办理人看）",
    "command.help": "帮助",
    "command.cancel": "取消当前操作",
    "command.forget": "删除我的个人信息",
    "command.mydata": "看看保存了我的哪些信息",
    "command.bindgrid": "网格长：把本群绑定到网格，如 /bindgrid XF-01",
    "command.open": "本网格未办结诉求",
    "command.stats": "统计数据",
    "command.tasks": "我的任务",
    "command.wishes": "心愿墙",
    "command.points": "积分",
    "command.promise": "亮承诺",
    "command.stars": "星级",
    "command.unit": "本单位的需求和工作",
    "command.needs": "待派给共建单位的需求",
    "command.broadcast": "发通知",
    "command.broadcasts": "我发的通知和送达情况",
    "telegram.unsupported": (
        "暂时只能处理文字、照片和位置。图片请以“照片”方式发送，不要作为文件。"
    ),
    # address
    "address.ask": "请告诉我您住在哪里，比如：幸福家园5号楼2单元301。",
    "address.confirm": "您是住在 {name} {detail} 吗？",
    "address.choose": "找到几个相近的地址，请选一个：",
    "address.not_found": "本社区的名单里没找到这个地址，请写上小区名和楼号，比如：和谐苑A座。",
    "address.bound": "地址已记下：{name}。",
    "address.bound_next": "地址已记下：{name}。以后有事直接告诉我就行。",
    "address.kept_problem": "您说的事我先记下了，稍后提交。",
    "address.skipped": "好的，先不登记地址。有事直接告诉我，我会问清地点。",
    # drafts
    "draft.need_text": "收到照片了。请再说一句是什么事。",
    "draft.need_address": "这件事在哪里？请告诉我小区和楼号。",
    "draft.summary": (
        "我理解的是：\n类别：{topic}\n类型：{type}\n地点：{where}\n"
        "办理时限：{hours} 小时内\n关键词：{keywords}\n照片：{photos} 张\n对吗？"
    ),
    "draft.unsure": (
        "我没太看明白这件事属于哪一类（{topic}），请帮我选一下：\n地点：{where}\n照片：{photos} 张"
    ),
    "draft.place": "这件事的地点：{name}（您的住址不变）。",
    "draft.pick_category": "请选择类别：",
    "draft.duplicate": ("附近已经有人反映过类似的事（{number}：{text}，{status}）。是同一件事吗？"),
    "draft.joined": "已加入关注 {number}，办理进展会同时告诉您。",
    "draft.cut": "您的消息有 {total} 字，太长了，我只保留了前 {kept} 字。",
    "draft.clarify": "没太看明白，能再多说几句吗？比如：在哪里、出了什么事、需要什么帮助。",
    "draft.no_place": "未指明（交给社区分派）",
    "draft.same_or_new": "您刚才说的，是对“{text}”的补充，还是另一件事？",
    "draft.queued": "好的，另一件事我记下了，等这件确认完再说。",
    "draft.next": "接着说您提到的另一件事：{text}",
    "draft.already_reported": (
        "您已经反映过这件事了（{number}，{status}），不用重复提交。"
        "如果是另一件事，请点“不是，继续提交”。"
    ),
    # resident updates
    "resident.submitted": (
        "已收到，诉求编号 {number}（{topic}）。网格会在 {claim_by} 前接单，"
        "{deadline} 前办结。有进展会告诉您。"
    ),
    "resident.submitted_urgent": (
        "⚠️ 如有危险，请立即拨打 {hotlines}！我们已同时通知网格长，诉求编号 {number}。"
    ),
    "resident.status": "您的诉求 {number} 现在是：{status}。",
    "resident.status_note": "您的诉求 {number} 现在是：{status}。\n进展：{note}",
    "resident.resolved": "您的诉求 {number} 已办结：{note}\n问题解决了吗？",
    "resident.rate": "请为诉求 {number} 的办理打个分：",
    "resident.thanks": "谢谢您的评价（{stars} 星）！",
    "resident.following": "已关注 {number}（{status}），共 {count} 人关注。",
    "resident.confirmed": "好的，{number} 已关闭。",
    "resident.reopened": "已转回网格重新办理 {number}。",
    "resident.cancelled": "已撤回 {number}。",
    "my.none": "您还没有提交过诉求。有事直接告诉我就行。",
    "my.list": "您最近的 {count} 件诉求：\n{items}",
    "my.item": "{number} · {text} · {status}",
    "my.item_followed": "☆ {number} · {text} · {status}",
    "forget.confirm": "确定删除您的姓名、电话和地址吗？诉求记录会匿名保留。",
    "forget.done": "已删除您的个人信息。",
    "mydata.summary": (
        "我们保存的您的信息：\n姓名：{name}\n地址：{address}\n电话：{phone}\n"
        "聊天账号：\n{identities}\n诉求 {count} 件：\n{requests}\n"
        "发 /forget 可以删除姓名、电话和地址，诉求记录会匿名保留。"
    ),
    "mydata.none": "无",
    "mydata.phone_shared": "{phone}（办理您诉求的人可以看到）",
    "mydata.phone_private": "{phone}（不给办理人看）",
    "mydata.request": "{number} · {date} · {status}",
    "mydata.channel.web": "网页对话",
    "mydata.channel.telegram": "Telegram",
    # group and cards
    "card.urgent": "【紧急】",
    "card.claim_by": "接单时限：{time}",
    "card.resolve_by": "办结时限：{time}",
    "card.request": (
        "{urgent}{overdue}{number}｜{topic}·{type}\n{text}\n居民：{who} · {where}\n"
        "{clock}\n关键词：{keywords}\n"
        "状态：{status}　认领人：{claimant}{mention}{footer}"
    ),
    "card.mention": "\n{names}：与您的岗位相关，请关注。",
    "group.digest": "新诉求 {count} 件（本群待发消息较多，合为一条，最急的在前）：\n{items}",
    "group.digest_item": (
        "\n{overdue}{number}｜{topic} · {where}　接单时限：{claim_by}\n{excerpt}{state}{mention}"
    ),
    "group.digest_state": "\n状态：{status}　认领人：{claimant}",
    "group.help": "网格长在本群发送 /bindgrid 网格编码（如 /bindgrid XF-01）即可绑定本网格。",
    "group.bind_usage": "用法：/bindgrid 网格编码，例如 /bindgrid XF-01",
    "group.bound": "本群已绑定 {name}（{code}），新诉求会发到这里。",
    "claim.ok": "认领成功：{number}，详情已私聊发给您。",
    # members
    "task.details": (
        "任务 {number}（{topic}）\n{text}\n居民：{name}　电话：{phone}\n地址：{where}\n"
        "办结时限：{deadline}"
    ),
    "task.phone_hidden": "未公开",
    "task.released": "已退回 {number}，网格其他同志可以认领。",
    "tasks.none": "您手上没有办理中的任务。",
    "note.ask_progress": "{number}：请说说进展（可以附照片）：",
    "note.ask_resolve": "{number}：请说说办理结果（可以附照片）：",
    "note.saved": "进展已记录并告知居民：{number}。",
    "note.resolved": "{number} 已办结，等待居民确认。",
    "member.reassigned": "{number} 已改派给 {to}。",
    "member.released": "{number} 已退回网格：{note}",
    "member.reopened": "居民说 {number} 还没解决，已转回网格：{note}",
    "member.confirmed": "居民确认 {number} 已解决，辛苦了！",
    "member.rated": "居民给 {number} 打了 {stars} 星。",
    # leaders
    "leader.urgent": "【紧急】{number}（{topic}）{where}：{text}",
    "leader.reopened": "{number} 被居民第 {times} 次退回：{note}",
    "leader.low_rating": "{number} 收到 {stars} 星差评：{comment}",
    "leader.item": "{urgent}{number} · {status} · {place}\n{text}",
    "leader.item_unsure": "{urgent}{number} · {status} · {place}\n{text}\n可能是：{maybe}",
    "leader.urgent_mark": "🔴【紧急】",
    "leader.none_open": "本网格没有未办结的诉求。",
    "leader.pick_member": "把 {number} 指派给：",
    "leader.assigned": "已指派 {number}。",
    "leader.escalated_done": "{number} 已上报到{level}。",
    "leader.ask_reason": "{number}：请写明不予受理的原因（居民会看到）：",
    "leader.ask_close_note": "{number}：请写明无法解决的原因（居民会看到）：",
    "leader.ask_merge": "{number} 要合并到哪件原诉求？请输入编号，如 20261122-0012：",
    "leader.done": "{number}：{status}。",
    "leader.pick_category": "改为哪一类？",
    "leader.recategorised": "{number} 已改为：{category}。",
    "leader.stats": (
        "{grid} 近 {days} 天：\n诉求 {total} 件，未办结 {open} 件，超时 {overdue} 件\n"
        "按时响应率 {response_rate}（到期 {due_response} 件）　"
        "解决率 {resolution_rate}（到期 {due_resolution} 件）\n"
        "满意率 {satisfaction_rate}（{rated} 人评价，平均 {average_stars} 星）\n{rules}"
    ),
    "stats.rules": (
        "只算到期的诉求：已认领或过了接单时限的算响应，已办结或过了办结时限的算解决；"
        "还在时限内的不拉低比率。"
    ),
    "admin.unrouted": "{urgent}诉求 {number} 没能匹配到网格，请分派：{text}",
    # refusals
    "refused.state": "{number} 现在是“{status}”，不能{action}。",
    "refused.conflict": "{number} 刚被别人处理过，请刷新后再试。",
    "refused.claim.taken": "慢了一步，{number} 已被别人认领。",
    "refused.claim.limit": "您手上已有 {limit} 件办理中的任务，先办完再认领吧。",
    "refused.assign.not_member": "只能指派给本网格的党员和网格员。",
    "refused.escalate.top": "{number} 已在最高一级，不能再上报。",
    "refused.follow.already": "您已经在关注 {number} 了。",
    "refused.merge.target": "找不到可以合并的诉求 {number}（须是本网格未办结的另一件）。",
    "refused.reason_required": "请写明原因。",
    "refused.rate.range": "请打 1 到 5 星。",
    "refused.rate.already": "{number} 已经评价过了，谢谢！",
    "refused.progress.empty": "请写几句进展，或发一张照片。",
    "refused.empty_request": "请说说是什么事。",
    "refused.no_such_request": "找不到这件诉求。",
    "refused.no_such_grid": "没有编码为 {code} 的网格。",
    "refused.no_such_building": "找不到这栋楼。",
    "refused.no_such_category": "没有 {code} 这个类别。",
    "refused.unknown_person": "找不到这个人。",
    "refused.not_staff": "这项操作需要先用邀请码绑定党员或网格员身份（/start 邀请码）。",
    "refused.not_leader": "这项操作只有网格长可以做。",
    "refused.stats.not_leader": "只有网格长和社区管理员可以查看统计。",
    "refused.bindgrid.not_leader": "只有 {code} 的网格长可以绑定本群。",
    "refused.invite.unknown": "邀请码不对，请核对后再试。",
    "refused.invite.used": "这个邀请码已经用过了。",
    "refused.invite.expired": "邀请码已过期，请找社区重新生成。",
    "refused.invite.role": "居民不需要邀请码。",
    "refused.invite.needs_grid": "党员和网格长的邀请码需要指定网格。",
    "refused.name.empty": "请写上您的姓名。",
    "refused.forget.staff": "党员和网格员的信息由社区管理，请联系社区。",
    "refused.stale_button": "这个按钮已经失效了。",
    "refused.who.route": "只有社区管理员可以分派。",
    "refused.who.claim": "只有本网格的党员和网格员可以认领 {number}。",
    "refused.who.assign": "只有本网格网格长可以指派 {number}。",
    "refused.who.release": "只有认领人或网格长可以退回 {number}。",
    "refused.who.progress": "只有认领人可以报告 {number} 的进展。",
    "refused.who.resolve": "只有认领人或网格长可以办结 {number}。",
    "refused.who.confirm": "只有提交人可以确认 {number}。",
    "refused.who.reopen": "只有提交人可以要求重新办理 {number}。",
    "refused.who.auto_close": "{number} 只能由系统超时关闭。",
    "refused.who.close_unfixed": "只有网格长可以关闭 {number}。",
    "refused.who.escalate": "只有网格长可以上报 {number}。",
    "refused.who.reject": "只有网格长可以不予受理 {number}。",
    "refused.who.merge": "只有网格长可以合并 {number}。",
    "refused.who.cancel": "只有提交人可以撤回 {number}。",
    "refused.who.recategorise": "只有网格长可以修改 {number} 的类别。",
    "refused.who.rate": "只有提交人可以评价 {number}。",
    "refused.who.follow": "只有居民可以关注 {number}。",
    "refused.who.pause": "只有认领人或网格长可以暂停 {number} 的计时。",
    "refused.who.resume": "无权恢复 {number} 的计时。",
    # web chat
    "web.title": "邻里 · 社区服务",
    "web.locale_name": "中文",
    "web.tab.chat": "对话",
    "web.tab.room": "网格群",
    "web.tab.leader": "网格长",
    "web.tab.signin": "工作人员登录",
    "web.input.placeholder": "说说您遇到的事，也可以发照片",
    "web.send": "发送",
    "web.photo": "照片",
    "web.photo_alt": "照片",
    "web.large_text": "大字",
    "web.empty": "还没有消息。",
    "web.room.hint": "本网格的新诉求会出现在这里，点“认领”接单。",
    "web.signin.title": "党员、网格员、网格长登录",
    "web.signin.hint": "请输入社区发给您的邀请码。",
    "web.signin.code": "邀请码",
    "web.signin.submit": "登录",
    "web.demo.title": "演示：切换身份，体验一件事从上报到评价的全过程",
    "web.demo.resident": "居民",
    "web.demo.room": "网格群",
    "web.demo.member": "党员",
    "web.demo.leader": "网格长",
    "web.demo.resident_name": "张阿姨",
    "web.leader.title": "本网格待办诉求",
    "web.leader.status": "状态",
    "web.leader.category": "类别",
    "web.leader.all": "全部",
    "web.leader.none": "没有符合条件的待办诉求。",
    "web.leader.deadline": "时限",
    "web.leader.claimant": "认领人",
    "web.leader.urgent": "紧急",
    "web.tone.green": "时间充裕",
    "web.tone.amber": "即将到期",
    "web.tone.red": "已超时",
    "web.tone.none": "无时限",
    "web.tone.urgent": "紧急，尽快办理",
    "web.stats.title": "近30天",
    "web.stats.response_rate": "按时响应率",
    "web.stats.resolution_rate": "解决率",
    "web.stats.satisfaction_rate": "满意率",
    "web.stats.total": "诉求",
    "web.stats.open": "未办结",
    "web.stats.overdue": "超时",
    "web.error.csrf": "页面已过期，请刷新后再试。",
    "web.error.rate_limited": "您发得太快了，请稍等一会儿再发。",
    "web.error.too_large": "内容太大了，照片请小于 5 MB。",
    "web.error.not_a_photo": "只能上传 JPEG、PNG 或 WebP 格式的照片。",
    "web.error.no_photo": "没有收到照片。",
    "web.error.bad_request": "请求有误，请刷新后再试。",
    "web.error.too_long": "消息太长了（超过一万字），请分几次发。",
    "web.error.not_found": "找不到这个页面。",
    "web.error.not_in_room": "您不是这个网格的成员。",
    "web.error.offline": "网络断开了，正在重新连接……",
    # time limits and the clock
    "card.overdue": "【已超时】",
    "member.reminder": (
        "提醒：{number}（{topic}）的办结时限是 {deadline}，时间已过四分之三，请抓紧办理或报告进展。"
    ),
    "leader.overdue": (
        "【超时】{number}（{topic}）已过办结时限 {deadline}。状态：{status}，认领人：{claimant}。"
    ),
    "group.unclaimed": (
        "{number}（{topic}）已过接单时限 {claim_by}，还没有人认领，请大家看看谁能接手。"
    ),
    "member.stale_released": (
        "{number} 已超过 {days} 天没有进展，系统已把它退回网格，其他同志可以认领。"
    ),
    "member.resumed": ("居民已回复 {number}：{note}。计时恢复，办结时限顺延至 {deadline}。"),
    "leader.digest": (
        "{grid} 网格日报（{date}）：\n"
        "新增 {new} 件，未办结 {open} 件，其中超时 {overdue} 件"
        "\n"
        "办结 {resolved} 件，收到评价 {rated} 条"
    ),
    "refused.pause.already": "{number} 已在等待居民回复，计时已暂停。",
    "refused.resume.not_paused": "{number} 没有暂停计时。",
    # asking the resident (the clock pauses)
    "button.ask": "问居民",
    "button.answer": "回复",
    "resident.question": (
        "关于您的诉求 {number}，办理人想问您：{question}\n"
        "请点“回复”后输入，办理时限会等您回复后再计。"
    ),
    "note.ask_question": "{number}：想问居民什么？（问了之后计时暂停，居民回复后恢复）",
    "note.asked": "问题已发给居民，{number} 计时暂停。",
    "answer.ask": "请输入您对 {number} 的回复：",
    "answer.sent": "已转告办理人，谢谢您！",
    "answer.sent_to": "已把您的回复转告 {number} 的办理人，谢谢您！",
    # roster
    "roster.column.kind": "类型",
    "roster.column.code": "编码",
    "roster.column.name": "名称",
    "roster.column.community": "社区",
    "roster.column.grid": "网格",
    "roster.column.aliases": "别名",
    "roster.column.lat": "纬度",
    "roster.column.lon": "经度",
    "roster.column.role": "角色",
    "roster.column.phone": "电话",
    "roster.column.posts": "岗位",
    "roster.column.skills": "技能",
    "roster.kind.community": "社区",
    "roster.kind.grid": "网格",
    "roster.kind.building": "楼栋",
    "roster.kind.person": "人员",
    "roster.identity.community": "社区编码",
    "roster.identity.grid": "网格编码",
    "roster.identity.building": "楼栋名称",
    "roster.identity.person": "人员编码",
    "roster.problem.required": "缺少{label}",
    "roster.problem.kind": (
        "类型“{value}”无法识别，应为 community、grid、building、person、unit、resource、"
        "service 之一"
    ),
    "roster.problem.role": "角色“{value}”无法识别，应为 member、leader、admin、unit 之一",
    "roster.problem.post": "岗位“{value}”不在八个岗位之中（{posts}）",
    "roster.problem.phone": (
        "电话“{value}”不是有效的手机号：应为 1 开头的 11 位数字，可带空格、短横线或 +86"
    ),
    "roster.problem.number": "{label}“{value}”不是数字",
    "roster.problem.range": "{label} {value} 超出范围（纬度 -90～90，经度 -180～180）",
    "roster.problem.pair": "纬度和经度要么都填，要么都不填",
    "roster.problem.duplicate": "{what}“{value}”重复：第 {first} 行已经有了",
    "roster.problem.unknown_community": "找不到编码为“{value}”的社区（名单和数据库里都没有）",
    "roster.problem.unknown_grid": "找不到编码为“{value}”的网格（名单和数据库里都没有）",
    "roster.problem.mismatch": "网格 {grid} 属于社区 {actual}，不属于 {value}",
    "roster.problem.column": "无法识别的列名“{value}”",
    "roster.problem.no_kind": (
        "缺少 kind（类型）列；分表填写时，工作表名应为 community、grid、building、person、"
        "unit、resource、service"
    ),
    "roster.problem.unreadable": "文件无法读取：{value}",
    "roster.problem.not_list": "“{value}”下面应是一个列表（每项以“- ”开头）",
    "roster.problem.yaml_top": (
        "文件应由 communities、grids、buildings、people、units、resources、services 几个列表组成"
    ),
    "roster.problem.not_item": "这一项应是 key: value 的形式，如 name: 幸福里社区",
    "roster.problem_line": "第 {row} 行 · 字段 {field}：{message}",
    "roster.problem_file": "{field}：{message}",
    "roster.problem_sheet": "工作表 {sheet} · {line}",
    "roster.summary": (
        "{verb}：{community}；{grid}；{building}；{person}；{unit}；{resource}；{service}"
    ),
    "roster.summary_kind": "{kind} 新增 {created}、更新 {updated}、未变 {unchanged}",
    "roster.imported": "名单已导入",
    "roster.dry_run": "试运行（未写入）",
    "roster.count": "{kind} {count}",
    "roster.exported": (
        "{file}：{community} · {grid} · {building} · {person} · {unit} · {resource} · {service}"
    ),
    "roster.file_type": "{file}：名单文件的扩展名应为 {suffixes} 之一",
    # admin command line (linli db, invite, history, outbox; bad settings)
    "cli.settings.invalid": "设置 {name} 有误：{problem}",
    "cli.settings.roster": (
        "{file} {problem}（共 {count} 处问题，linli roster import {file} --dry-run 可逐条列出）"
    ),
    "cli.limits.shipped": "默认分类",
    "cli.limits.header": "时限（{source}）：大类 小类（代码）接单时限 / 办结时限",
    "cli.limits.row": ("{category} {name}（{code}）：接单 {claim:g} 小时 / 办结 {resolve:g} 小时"),
    "cli.limits.urgent": (
        "紧急诉求：接单 {claim:g} 小时 / 办结 {resolve:g} 小时（取较短者，全天计时）"
    ),
    "cli.db.upgraded": "数据库已是最新版本",
    "cli.invite.unknown_role": "角色“{role}”无法识别，应为 member、leader、admin、unit 之一",
    "cli.invite.telegram": "Telegram：向机器人发送 /start {code}（{hours:g} 小时内有效）",
    "cli.history.file_type": "{file}：文件扩展名应为 .jsonl",
    "cli.history.exported": "{file}：{count} 条诉求（其中 {corrected} 条由网格长改过类别）",
    "cli.outbox.entry": (
        "{id}\t{status}\t{channel}:{chat_id}\t{key}\t已尝试 {attempts} 次\t下次 {when}{error}"
    ),
    "cli.outbox.last_error": "  最近错误：{error}",
    "cli.outbox.dead": "共 {count} 条已放弃投递",
    "cli.outbox.queued": "共 {count} 条待发送",
    "cli.outbox.retry_target": "请给出消息编号或 --all-dead（二者只选其一）",
    "cli.outbox.requeued": "已重新排队 {count} 条",
    "cli.outbox.pruned": "已删除 {count} 条 {days} 天前已送达或已放弃的消息（群发的送达统计保留）",
    "cli.outbox.kept": (
        "保留期为 0（LINLI_POLICY__OUTBOX_KEEP_DAYS）：消息永久保留，未删除；可用 --days 指定天数"
    ),
    # phone number and consent
    "phone.ask": "请输入您的手机号（办理人需要时可以联系您）：",
    "phone.share": "办理您诉求的党员可以看到这个号码吗？网格群里永远不会显示。",
    "phone.saved_shared": "已保存。办理人可以看到您的电话。",
    "phone.saved_private": "已保存，但不会给办理人看。需要时发 /phone 修改。",
    "button.phone_share": "可以给办理人看",
    "button.phone_keep": "不给看",
    "refused.phone.malformed": "这不像手机号，请输入 11 位手机号，比如 13800001234。",
    # requests no grid matched
    "resident.submitted_unrouted": (
        "已收到，诉求编号 {number}（{topic}）。还没对上您所在的网格，已请社区分派，有进展会告诉您。"
    ),
    "resident.submitted_urgent_unrouted": (
        "⚠️ 如有危险，请立即拨打 {hotlines}！诉求编号 {number} 已报社区。"
        "请告诉我您的地址，网格的同志好尽快赶到。"
    ),
    "button.route": "派给{grid}",
    "admin.routed": "{number} 已派给 {grid}。",
    # the open API (Open311 GeoReport v2) errors
    "open311.bad_status": "status 只能是 open 或 closed，不是“{value}”",
    "open311.bad_range": "时间范围不对：start_date 要早于 end_date，且相隔不超过 {days} 天",
    "open311.bad_service": "没有公开的服务类别“{value}”",
    "open311.bad_date": "“{value}”不是 W3C 日期时间（例如 2026-12-01T08:00:00+08:00）",
    "open311.not_found": "没有公开的诉求“{number}”",
    **ACCOUNT_TEXTS,  # accountability: points, stars, wishes, promises, reports
}


from handlers.texts import community_zh  # noqa: E402 - the community level's entries

TEXTS |= community_zh.TEXTS

from handlers.texts import broadcast_zh  # noqa: E402 - broadcasts' entries

TEXTS |= broadcast_zh.TEXTS
