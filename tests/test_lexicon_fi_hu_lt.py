"""Finnish, Hungarian and Lithuanian flat pages: the story stays, each furniture line goes by its kind."""

import pytest

from cleaner.api import clean

PAGES = {
    "fi": (
        "Kaupunginvaltuusto hyväksyi uuden pyöräilyverkoston",
        "Julkaistu 12.3.2024",
        "Kaupunginvaltuusto hyväksyi tiistaina suunnitelman, jonka mukaan keskustaan rakennetaan kymmenen "
        "kilometriä suojattuja pyöräkaistoja seuraavan kolmen vuoden aikana.",
        "Hankkeen arvioidaan maksavan noin kaksikymmentä miljoonaa euroa, ja rahoitus jaetaan valtion ja "
        "kaupungin kesken.",
        "Lue myös: Raitiotien rakentaminen alkaa ensi keväänä",
        "Aiheet: liikenne, pyöräily",
        "Kaikki oikeudet pidätetään",
    ),
    "hu": (
        "A közgyűlés megszavazta az új kerékpárút-hálózatot",
        "Közzétéve: 2024. március 12.",
        "A fővárosi közgyűlés kedden elfogadta azt a tervet, amely szerint a belvárosban tíz kilométer "
        "védett kerékpársáv épül a következő három évben.",
        "A beruházás költségét mintegy húszmilliárd forintra becsülik, amelyet az állam és a főváros "
        "közösen finanszíroz.",
        "Ezt is olvassa el: Jövő tavasszal indul a villamosvonal építése",
        "Címkék: közlekedés, kerékpár",
        "Minden jog fenntartva",
    ),
    "lt": (
        "Miesto taryba pritarė naujam dviračių takų tinklui",
        "Paskelbta 2024 m. kovo 12 d.",
        "Miesto taryba antradienį pritarė planui, pagal kurį per ateinančius trejus metus centre bus "
        "įrengta dešimt kilometrų apsaugotų dviračių takų.",
        "Projektas turėtų kainuoti apie dvidešimt milijonų eurų, o finansavimą pasidalys valstybė ir "
        "savivaldybė.",
        "Taip pat skaitykite: Tramvajaus linijos statybos prasidės kitą pavasarį",
        "Žymos: transportas, dviračiai",
        "Visos teisės saugomos",
    ),
}


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_the_story_stays_and_the_furniture_goes_by_kind(lang):
    title, dated, first, second, read_also, tags, footer = PAGES[lang]
    record = clean("\n".join(PAGES[lang]).encode(), mode="text")
    assert record.language == lang
    assert record.title == title
    assert record.text == f"{first}\n\n{second}"
    assert [(r.kind, r.text) for r in record.removed] == [
        ("date", dated),
        ("read_also", read_also),
        ("tags", tags),
        ("footer", footer),
    ]
