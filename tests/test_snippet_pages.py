"""Furniture lines inside the body of news and magazine pages in other languages (the snippet pages of
the multilingual set show them): a "read also" label that ends in an arrow, the formal Spanish "Le
puede interesar"."""

from __future__ import annotations

import cleaner

FRENCH_STORY = [
    "C'est au printemps 2015 que beaucoup de lecteurs ont découvert ce qui se trame dans leur ventre, grâce "
    "au livre d'une doctorante allemande consacré au microbiote et à ses milliards de bactéries.",
    "Avec ses 200 millions de neurones, l'intestin serait notre second cerveau, expliquent les chercheurs "
    "interrogés, qui recommandent de varier son alimentation et de manger des fibres chaque jour.",
    "Les aliments fermentés, comme le yaourt ou la choucroute, apportent aussi de bonnes bactéries, à "
    "condition d'en consommer régulièrement et sans excès de sel ni de sucre.",
]
SPANISH_STORY = [
    "La Jurisdicción Especial para la Paz abrirá tres nuevos macrocasos sobre crímenes cometidos durante "
    "el conflicto armado, según el borrador del auto al que tuvo acceso este diario.",
    "La hipótesis es que estos crímenes se cometieron como una manera de control territorial, en medio de "
    "combates o en contextos urbanos, y que afectaron sobre todo a comunidades campesinas.",
    "Los magistrados escucharán a las víctimas durante los próximos meses antes de decidir a quiénes "
    "llamarán a rendir versión, tanto de la antigua guerrilla como de la fuerza pública.",
]


def kinds(record: cleaner.Record) -> dict[str, str]:
    return {item.text: item.kind for item in record.removed}


def test_a_read_also_label_ending_in_an_arrow_goes_with_its_headline():
    pointer = "À lire aussi » Ballonnements, lourdeurs... Quel est votre profil digestif ?"
    page = (
        "<html lang='fr'><head><title>Les clés pour un intestin en forme</title></head><body><article>"
        "<h1>Les clés pour un intestin en forme</h1>"
        f"<p>{FRENCH_STORY[0]}</p>"
        "<p>À lire aussi » <a href='/bien-etre/profil-digestif'>Ballonnements, lourdeurs... Quel est votre "
        "profil digestif ?</a></p>"
        + "".join(f"<p>{p}</p>" for p in FRENCH_STORY[1:])
        + "</article></body></html>"
    )
    record = cleaner.clean(page, mode="html")
    assert record.text.split("\n\n") == FRENCH_STORY
    assert kinds(record)[pointer] == "read_also"


def test_a_read_also_label_ending_in_an_arrow_goes_in_text_mode():
    lines = [FRENCH_STORY[0], "Lire aussi > Ballonnements, lourdeurs... Quel est votre profil digestif ?",
             *FRENCH_STORY[1:]]
    record = cleaner.clean("\n".join(lines), mode="text")
    assert record.text.split("\n\n") == FRENCH_STORY
    assert kinds(record) == {lines[1]: "read_also"}


def test_the_formal_spanish_le_puede_interesar_points_to_another_story():
    pointer = "Le puede interesar: JEP abrirá tres nuevos macrocasos: Farc y fuerza pública"
    lines = [SPANISH_STORY[0], pointer, *SPANISH_STORY[1:]]
    record = cleaner.clean("\n".join(lines), mode="text")
    assert record.text.split("\n\n") == SPANISH_STORY
    assert kinds(record) == {pointer: "read_also"}


FRENCH_OPINION = [
    "Pour le néolibéralisme, la retraite ne peut être qu’un archaïsme, une sorte de déviance inadaptée, qui "
    "nous fait prendre du retard sur le rythme du monde.",
    "Depuis un siècle, ce courant de pensée soutient que l’espèce humaine doit s’adapter sans fin à un "
    "environnement qui change plus vite qu’elle, et la réforme en cours en est la traduction.",
]


def test_the_prompts_of_a_french_paywall_go():
    prompts = [
        "Pour lire la suite et accéder gratuitement à 3 articles par mois, créez votre compte",
        "Ou si vous avez déjà un compte, connectez-vous ici",
        "Pour accéder en illimité aux articles de la revue :",
    ]
    record = cleaner.clean("\n".join([*FRENCH_OPINION, *prompts]), mode="text")
    assert record.text.split("\n\n") == FRENCH_OPINION
    assert kinds(record) == dict.fromkeys(prompts, "ad")


def test_a_spanish_membership_plea_goes():
    plea = "HAZTE MIEMBRO Y DISFRUTA DE BENEFICIOS EXCLUSIVOS"
    record = cleaner.clean("\n".join([*SPANISH_STORY, plea]), mode="text")
    assert record.text.split("\n\n") == SPANISH_STORY
    assert kinds(record) == {plea: "ad"}


REVIEW = [
    "Les citoyens sont de plus en plus invités à prendre la parole, du grand débat national aux conventions "
    "citoyennes. Mais pour quel résultat, se demandent les revues du mois ?",
    "Le philosophe dénonce le recours immodéré aux commissions spéciales comme un recul de la décision "
    "politique : la langue est la meilleure et la pire des choses, disait Ésope.",
]
READING_LIST = [
    "Revue Projet : Savons-nous encore débattre ? Tout le monde s’accorde sur l’importance de débattre. Mais, "
    "en politique ou en famille, la mise en pratique n’est pas si aisée.",
    "Revue Esprit : Quand le langage travaille. Là où nos sociétés connaissent des tensions, là aussi travaille "
    "le langage, pour entendre l’écho de nos angoisses et de nos désirs.",
]


def press_review(entries: list[str]) -> str:
    return (
        "<html lang='fr'><head><title>Prendre la parole</title>"
        "<link rel='canonical' href='https://radio.example.fr/idees/prendre-la-parole'></head><body><article>"
        "<h1>Prendre la parole</h1>" + "".join(f"<p>{p}</p>" for p in REVIEW)
        + "<p>Par <strong>Jacques Martin</strong></p><p>A lire aussi :</p>" + "".join(entries)
        + "</article></body></html>"
    )


def test_a_reading_list_of_works_on_other_sites_after_the_byline_stays():
    """'A lire aussi' after the byline opens another article of the site; entries that describe works
    linked on other sites are the author's reading list, and part of the page."""
    entries = [
        "<p>Revue <em>Projet</em> : <a href='https://www.revue-projet.example/debattre'>Savons-nous encore "
        "débattre ?</a>" + READING_LIST[0].split("débattre ?", 1)[1] + "</p>",
        "<p>Revue <em>Esprit</em> : <a href='https://esprit.example/numeros/langage'>Quand le langage "
        "travaille</a>" + READING_LIST[1].split("travaille", 1)[1] + "</p>",
    ]
    record = cleaner.clean(press_review(entries), mode="html")
    assert record.text.split("\n\n") == [*REVIEW, *READING_LIST]
    assert kinds(record) == {"Prendre la parole": "title", "Par Jacques Martin": "byline", "A lire aussi :": "read_also"}


def test_the_same_list_of_the_sites_own_stories_is_another_article():
    entries = [
        "<p>Revue <em>Projet</em> : <a href='https://radio.example.fr/idees/debattre'>Savons-nous encore "
        "débattre ?</a>" + READING_LIST[0].split("débattre ?", 1)[1] + "</p>",
        "<p>Revue <em>Esprit</em> : <a href='/idees/langage'>Quand le langage "
        "travaille</a>" + READING_LIST[1].split("travaille", 1)[1] + "</p>",
    ]
    record = cleaner.clean(press_review(entries), mode="html")
    assert record.text.split("\n\n") == REVIEW
    assert [kinds(record)[entry] for entry in READING_LIST] == ["read_also", "read_also"]
