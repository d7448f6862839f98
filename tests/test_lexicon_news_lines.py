"""Furniture lines of Greek, Polish and German news pages that the lexicon names (flattened text and
HTML): the spoken month names Greek papers print, a Polish category line, German reading-time and
rating lines, a paywall plea."""

from __future__ import annotations

import cleaner

GREEK_STORY = [
    "Σε κλείσιμο των βορείων συνόρων της χώρας και στην επιβολή κατάστασης έκτακτης ανάγκης προχώρησε χθες η "
    "κυβέρνηση, μετά από μια σειρά επιθέσεων που άφησαν δεκάδες νεκρούς στις βόρειες επαρχίες.",
    "Τα συνδικάτα κάλεσαν σε γενική απεργία από τη Δευτέρα, ζητώντας να ανακληθεί η αύξηση στις τιμές των "
    "καυσίμων, που διπλασίασε το κόστος των μετακινήσεων για τους εργαζόμενους.",
]
POLISH_STORY = [
    "Policja, straż miejska i kierowcy komunikacji miejskiej z Wrocławia szukają 11-latka, który w nocy wyszedł "
    "z domu i nie wrócił. Chłopiec był ubrany w granatową kurtkę i czarne spodnie.",
    "Matka chłopca podejrzewa, że mógł udać się do jednej z galerii handlowych w centrum miasta. Policja prosi "
    "wszystkich, którzy go widzieli, o natychmiastowy kontakt.",
]
GERMAN_STORY = [
    "Der Stadtrat hat am Dienstagabend den Haushalt für das kommende Jahr beschlossen. Die Mehrheit stimmte für "
    "höhere Ausgaben bei Schulen und Radwegen, die Opposition kritisierte die neuen Schulden.",
    "Die Kämmerin rechnet mit geringeren Einnahmen aus der Gewerbesteuer. Sie will im Frühjahr einen "
    "Nachtragshaushalt vorlegen, falls sich die Lage nicht bessert.",
]


def clean_text(lines: list[str]) -> cleaner.Record:
    return cleaner.clean("\n".join(lines), mode="text")


def kinds(record: cleaner.Record) -> dict[str, str]:
    return {item.text: item.kind for item in record.removed}


def test_a_greek_date_line_with_the_spoken_month_goes_and_dates_the_story():
    record = clean_text(["Τρίτη 3 Γενάρη 2012", *GREEK_STORY])
    assert record.text.split("\n\n") == GREEK_STORY
    assert kinds(record) == {"Τρίτη 3 Γενάρη 2012": "date"}
    assert record.published == "2012-01-03"


def test_a_polish_category_line_and_comment_prompt_go():
    record = clean_text([*POLISH_STORY, "Artykuł pochodzi z kategorii: Polska", "Twój komentarz może być pierwszy!"])
    assert record.text.split("\n\n") == POLISH_STORY
    assert kinds(record) == {"Artykuł pochodzi z kategorii: Polska": "tags", "Twój komentarz może być pierwszy!": "other"}
    assert record.keywords == ["Polska"]


def test_german_reading_time_rating_and_paywall_plea_go_in_html_mode():
    page = (
        "<html><head><title>Stadtrat beschließt Haushalt</title></head><body><article>"
        "<h1>Stadtrat beschließt Haushalt</h1><p>Lesedauer: 4 Minuten</p>"
        + "".join(f"<p>{p}</p>" for p in GERMAN_STORY)
        + "<p>Unabhängiger Journalismus braucht deine Unterstützung. Jetzt unterstützen.</p>"
        "<p>Wie hat Ihnen dieser Artikel gefallen?</p><p>Fehler gefunden? Jetzt melden.</p>"
        "</article></body></html>"
    )
    record = cleaner.clean(page, mode="html")
    assert record.text.split("\n\n") == GERMAN_STORY
    assert kinds(record)["Lesedauer: 4 Minuten"] == "other"
    assert kinds(record)["Unabhängiger Journalismus braucht deine Unterstützung. Jetzt unterstützen."] == "ad"


FRENCH_STORY = [
    "Le gouvernement a présenté mercredi son projet de budget pour l'année prochaine, marqué par une baisse des "
    "dépenses de l'Etat et une hausse des crédits de la défense.",
    "Le ministre des finances a défendu un texte « sérieux et juste », tandis que l'opposition dénonce des "
    "économies faites sur le dos des collectivités locales.",
]


def test_a_french_paywall_line_goes():
    record = clean_text([*FRENCH_STORY, "Il vous reste 57.09% de cet article à lire. La suite est réservée aux abonnés."])
    assert record.text.split("\n\n") == FRENCH_STORY
    assert list(kinds(record).values()) == ["ad"]


def test_a_russian_links_on_the_topic_heading_takes_its_list():
    story = [
        "Правительство утвердило программу развития пригородных железных дорог на ближайшие пять лет. На её "
        "реализацию из федерального бюджета выделят более ста миллиардов рублей.",
        "Как сообщили в министерстве транспорта, в первую очередь деньги пойдут на обновление подвижного состава "
        "и ремонт станций в крупных городах.",
    ]
    record = clean_text([*story, "Ссылки по теме:", "Электрички подорожают с нового года",
                         "В Подмосковье откроют пять новых станций"])
    assert record.text.split("\n\n") == story
    assert kinds(record)["Ссылки по теме:"] == "related"
