"""A building number the community does not have: the resident picks from the nearest."""

from tests.chat import Chat

NEWCOMER = 5002


async def test_missing_number_offers_the_nearest_building(chat: Chat) -> None:
    await chat.send(NEWCOMER, "/start")
    await chat.to(NEWCOMER)
    await chat.send(NEWCOMER, "幸福里社区9号楼二单元三零一")
    (choose,) = await chat.to(NEWCOMER)
    assert choose.key == "address.choose" and "幸福家园5号楼" in choose.options
    await chat.press(NEWCOMER, choose.options["幸福家园5号楼"])
    (bound,) = await chat.to(NEWCOMER)
    assert bound.key == "address.bound_next" and "幸福家园5号楼" in bound.text
