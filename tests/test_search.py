"""Questions in the user's words, not the facts': the answering record ranks in the top three."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run

QUESTIONS = [
    ("who is azerbaijan's defence minister", "abiyev-safar"),
    ("who is the defense minister of azerbaijan", "abiyev-safar"),
    ("how much did azerbaijan export to pakistan", "trade-2003-az-export"),
    ("how big was the two-way trade between the countries", "trade-2003-az-pk-total"),
    ("which russian officials came to baku", "russian-delegations-baku-2004"),
    (
        "when did pakistan recognise azerbaijan's independence",
        "pakistan-recognizes-azerbaijan-1991",
    ),
    ("which country was first to recognise azerbaijan", "turkey-recognizes-azerbaijan-1991"),
    ("when did musharraf travel to azerbaijan", "musharraf-visit-baku-2004"),
    ("how many agreements were signed in baku", "musharraf-visit-agreements-2004"),
    ("was a tourism deal signed", "tourism-agreement-2004"),
    ("who is the petroleum minister of pakistan", "shakoor-khan-nouraiz"),
    ("who asked about offshore drilling experience", "offshore-exploration-experience"),
    ("what did the central banks promise", "national-banks-branches"),
    ("help guarding azerbaijan's frontiers", "border-strengthening-assistance"),
    ("joint ventures in oil", "oil-joint-ventures"),
    ("silk road participation", "silk-road-participation"),
    ("which islamic country has the bomb nuclear arms", "pk-nuclear-weapons"),
    ("what do local analysts think about the visit", "visit-balances-russia-and-west"),
    ("are the americans informed", "guluzade-americans-informed"),
    ("who heads the cis secretariat", "rushailo-vladimir"),
    ("who was mayor of moscow", "luzhkov-yuri"),
    ("which prime minister served under yeltsin", "stepashin-sergei"),
    ("armenia conflict over karabakh", "am-az-karabakh-conflict"),
    ("is turkey an ally of azerbaijan", "tr-az-traditional-ally"),
    ("when were diplomatic relations established", "az-pk-diplomatic-relations-1992"),
    ("what did musharraf say about terrorists", "musharraf-terrorism-statement-2004"),
    ("training for the energy sector workers", "energy-personnel-training"),
    ("is russia trying to control azerbaijan", "guluzade-pakistan-counterweight"),
    ("who is the president of azerbaijan", "aliyev-ilham"),
    ("military equipment purchases", "military-equipment-agreements"),
    ("cooperation in farming", "agriculture"),
]


@pytest.mark.parametrize(("question", "expected"), QUESTIONS)
def test_question_is_answered_in_the_top_three(question: str, expected: str) -> None:
    result = run("search", "--json", "--limit", "3", question)
    assert result.exit_code == 0, result.stderr
    ids = [hit["id"] for hit in json.loads(result.stdout)]
    assert expected in ids, ids
