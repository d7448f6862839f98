"""Language detection: deterministic, and right on Arabic vs Persian vs Urdu."""

import pytest

from cleaner.furniture.lexicon import load_lexicon
from cleaner.metadata.language import detect_language

SAMPLES = {
    "ar": "أعلنت وزارة الصحة اليوم إطلاق حملة وطنية لتطعيم الأطفال في المدارس، وقالت إن الحملة ستستمر ثلاثة أسابيع.",
    "fa": "وزیر نیرو در مراسم افتتاح گفت که تا پایان سال آینده ده نیروگاه خورشیدی دیگر در کشور ساخته خواهد شد.",
    "ur": "وزیر اعظم نے کہا ہے کہ حکومت ملک میں بجلی کی قیمتیں کم کرنے کے لیے نئے اقدامات کر رہی ہے اور جلد اعلان ہوگا۔",
    "en": "The city council voted on Tuesday to approve a network of protected bike lanes across the downtown core.",
    "fr": "Le conseil municipal a voté mardi un réseau de pistes cyclables protégées dans tout le centre-ville.",
    "ru": "Городской совет во вторник одобрил сеть защищённых велосипедных дорожек в центре города.",
    # langdetect has no Zulu (it answers Swahili): the lexicon's words and their share name it
    "zu": "Amaphoyisa athe abasolwa ababili baboshwe izolo ekuseni eThekwini. Kusho umkhulumeli ukuthi "
    "uphenyo lusaqhubeka futhi kanye nomphakathi bazosebenzisana nawo, kodwa akakachazi ukuthi babanjwe kanjani.",
}


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_detects_language(language):
    assert detect_language(SAMPLES[language], load_lexicon()) == language


def test_same_answer_every_time():
    text = "Das ist ein kurzer Text, der vielleicht Deutsch ist, oder auch nicht ganz."
    answers = {detect_language(text, load_lexicon()) for _ in range(20)}
    assert len(answers) == 1


def test_too_little_text_gives_none():
    assert detect_language("OK 2024", load_lexicon()) is None


def test_a_zulu_page_under_an_english_template_is_zulu():
    assert detect_language(SAMPLES["zu"], load_lexicon(), declared="en") == "zu"


def test_a_rules_file_share_must_be_a_fraction(tmp_path):
    from cleaner.errors import RulesError

    rules = tmp_path / "xh.toml"
    rules.write_text('language = "xh"\nstopwords = ["kwaye"]\nstopwords_share = 6\n', encoding="utf-8")
    with pytest.raises(RulesError, match="stopwords_share"):
        load_lexicon(str(rules))


SPANISH_STORY = (
    "El alcalde pidió a los vecinos que no bloqueen la avenida. Dijo a la prensa que no va a detener la obra "
    "y que a partir del lunes no habrá cortes. Los comerciantes no están de acuerdo: a la mitad de ellos no les "
    "avisaron a tiempo, y a muchos no les alcanza para pagar el alquiler. «No nos oponemos a la obra, sino a la "
    "forma en que se hace», dijo a un periodista una vendedora del mercado, que no quiso dar su nombre."
)


def test_a_spanish_story_under_an_english_template_is_spanish():
    """Short words English shares with Spanish ('a', 'no') let the declaration fit; Spanish's own
    commonest words outnumber them many times."""
    assert detect_language(SPANISH_STORY, load_lexicon(), declared="en") == "es"
    assert detect_language(SAMPLES["en"], load_lexicon(), declared="en") == "en"


def test_a_declared_language_the_lexicon_cannot_check_stays():
    norwegian = ("Kvalifiseringen ble det dramatiske slaget for den norske utøveren, som likevel er klar "
                 "for finalen sammen med atten andre. Det skjer etter en overraskende dag på stadion.")
    assert detect_language(norwegian, load_lexicon(), declared="nb") == "nb"



ROADWORKS_STORY = (  # de, la, que, en are Spanish, French and Portuguese words alike
    "La alcaldía de la ciudad anunció que la obra de la avenida central empezará en marzo, y que la empresa a "
    "cargo de la obra tendrá que terminarla antes de la temporada de lluvias. Según la alcaldía, la avenida "
    "quedará cerrada durante la obra, pero los buses de la ciudad tendrán rutas nuevas. La oposición pidió que "
    "la alcaldía publique los contratos de la empresa, que según ella se firmaron sin licitación. El concejo "
    "de la ciudad debatirá la propuesta en la sesión del jueves."
)


def test_a_language_named_by_its_own_words_needs_no_langdetect(monkeypatch):
    """The words Spanish shares with French (de, la, que) keep the two lists' counts close; words
    only the Spanish list holds (los, según, pero, durante) name it, as langdetect does, without it."""
    import cleaner.metadata.language as language

    assert detect_language(ROADWORKS_STORY, load_lexicon()) == "es"

    def no_langdetect():
        raise AssertionError("langdetect was asked")

    monkeypatch.setattr(language, "_detector_factory", no_langdetect)
    assert detect_language(ROADWORKS_STORY, load_lexicon()) == "es"


SCORES = (  # initials and 'd.' (defeated) are French elisions (d', c') to the French list
    "Prep roundup: Eastside stays unbeaten BOYS SOCCER Eastside d. Lakewood 3-1 Eastside (6-0): Jon Alvarez "
    "2 goals. D. Chen 1 goal, 1 assist. C. Moore 4 saves. Lakewood (2-4): T. Grant 1 goal. Northview d. "
    "Southport 2-0 Northview (4-2): D. Price 1 goal. Mia Ortiz 1 goal. C. Hall 6 saves. Southport (1-5): "
    "K. Brooks 9 saves. GIRLS BASKETBALL Riverside d. Bayside 58-41 Riverside (3-1): A. Cole 19 points."
)


def test_a_results_table_is_not_named_by_initials_its_list_reads_as_elisions():
    """Five words only the French list holds, and no other list's own: but the French list covers
    a tenth of the text, names and scores; langdetect names it."""
    assert detect_language(SCORES, load_lexicon()) == "en"
