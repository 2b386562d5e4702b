"""简体中文: broadcasts (宣传) — scope, preview, confirm, counts; residents' 退订 / 订阅."""

TEXTS: dict[str, str] = {
    "console.tab.broadcasts": "通知",
    "console.broadcast.title": "发通知（宣传）",
    "console.broadcast.text": "通知内容（不超过1000字）",
    "console.broadcast.preview": "预览",
    "console.broadcast.send": "发送",
    "console.broadcast.edit": "修改",
    "console.broadcast.cancel": "取消",
    "console.broadcast.reach": (
        "将发给 {residents} 位居民的聊天和 {groups} 个网格群；{skipped} 位居民已退订，不发。"
    ),
    "console.broadcast.counts": (
        "共 {queued} 条：已送达 {sent}，待发 {waiting}，失败 {failed}，退订未发 {skipped}"
    ),
    "button.broadcast_grid": "本网格",
    "button.broadcast_grids": "选择网格",
    "button.broadcast_community": "全社区",
    "button.broadcast_pick": "{grid}",
    "button.broadcast_done": "选好了",
    "button.broadcast_send": "发送",
    "button.broadcast_edit": "修改",
    "broadcast.ask_scope": "这条通知发给谁？",
    "broadcast.pick_grids": "已选：{chosen}\n点网格名加入，选好了点“选好了”。",
    "broadcast.ask_text": "请输入通知内容（不超过 {limit} 字）。发“取消”放弃。",
    "broadcast.preview": (
        "预览（发给：{scope}）\n——————\n{notice}\n——————\n"
        "将发给 {residents} 位居民的聊天和 {groups} 个网格群；{skipped} 位居民已退订，不发。\n"
        "确认无误请点“发送”。"
    ),
    "broadcast.sent": (
        "通知 #{number} 已排队发送：{queued} 条（{skipped} 位已退订的居民不发）。"
        "发 /broadcasts 查看送达情况。"
    ),
    "broadcast.already_sent": "通知 #{number} 已经发出，不会重复发送。",
    "broadcast.scope_community": "全社区",
    "broadcast.none": "您还没有发过通知。发 /broadcast 发一条。",
    "broadcast.list": "最近的通知：\n{lines}",
    "broadcast.line": (
        "#{number} {at} {scope}「{text}」共 {queued} 条：已送达 {sent}，待发 {waiting}，"
        "失败 {failed}，退订未发 {skipped}"
    ),
    "broadcast.notice": ("📢【社区通知】{text}\n——{role} {name}\n（回复“退订”不再接收社区通知）"),
    "broadcast.notice_group": "📢【社区通知】{text}\n——{role} {name}",
    "broadcast.unsubscribed": "好的，您已退订社区通知，不会再收到。想恢复时回复“订阅”。",
    "broadcast.subscribed": "好的，您会继续收到社区通知。不想收时回复“退订”。",
    "refused.broadcast.not_allowed": "只有网格长、社区管理员和担任{post}的党员可以发通知。",
    "refused.broadcast.no_grid": "请先选择要发送的网格。",
    "refused.broadcast.community_admins_only": "只有社区管理员可以向全社区发通知。",
    "refused.broadcast.grid_not_yours": "只能向您负责的网格发通知。",
    "refused.broadcast.text": "通知内容不能为空，也不能超过 {limit} 字，请重新输入。",
}
