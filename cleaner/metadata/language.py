"""Language of the body: langdetect made deterministic, and letters to tell Arabic-script languages apart.

langdetect is random by design; we seed it and feed it a bounded sample so a page always gets the
same answer and long pages cost no more than short ones. It confuses Arabic, Persian and Urdu,
whose letters tell them apart better: the lexicon names each one's marker letters.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from functools import lru_cache

from cleaner.furniture.lexicon import Lexicon, fold
from cleaner.furniture.memo import kept_answers
from cleaner.measure import has_unspaced, suffix_hits, unspaced_hits, word_count

SAMPLE_CHARS = 400
TRIALS = 2  # langdetect's default is 7 trials on 10,000 characters; on our bench pages this gives
# the same answers at a sixth of the time
MARKER_MIN_RATE = 0.004  # share of letters that must be marker letters for a language to qualify
_LETTERS = re.compile(r"[^\W\d_]")
_lock = threading.Lock()
_factory = None


def _detector_factory():
    global _factory
    with _lock:
        if _factory is None:
            from langdetect import DetectorFactory
            from langdetect.detector_factory import PROFILES_DIRECTORY

            factory = DetectorFactory()
            factory.load_profile(PROFILES_DIRECTORY)
            # each n-gram's probabilities as a tuple, not a list: the detector only reads them, and
            # Python's collector stops tracking tuples of floats, where it would walk some 80,000
            # lists at every full collection, for the life of the process
            factory.word_lang_prob_map = {word: tuple(probs) for word, probs in factory.word_lang_prob_map.items()}
            factory.seed = 0
            _factory = factory
    return _factory


def _sample(text: str) -> str:
    """A bounded sample from the start and the middle, where the body is surest."""
    if len(text) <= SAMPLE_CHARS:
        return text
    half = SAMPLE_CHARS // 2
    middle = len(text) // 2
    return text[:half] + "\n" + text[middle : middle + half]


def _by_marker_letters(sample: str, lexicon: Lexicon, letters: list[str]) -> str | None:
    """`letters`: the sample's letters (_LETTERS.findall), read once for every test of the sample."""
    if not letters:
        return None
    best: tuple[int, str] | None = None
    for language, (markers, priority) in lexicon.markers.items():
        if not any(marker in sample for marker in markers):
            continue  # none of its letters (a Latin page and Arabic markers): a count of 0 is below any rate
        count = sum(map(markers.__contains__, letters))  # each letter one of the markers or not
        if count / len(letters) >= MARKER_MIN_RATE and (best is None or priority > best[0]):
            best = (priority, language)
    return best[1] if best else None


DECLARED_MIN_STOPWORDS = 0.15  # share of a sample's words that must be the declared language's commonest


def _by_script(sample: str, lexicon: Lexicon, letters: int) -> str | None:
    """A language that alone among the lexicon's writes in its script (Greek, Thai, Hangul; kana
    before the Han characters Chinese and Japanese share), when the script makes enough of the text
    (of its `letters`)."""
    best: tuple[int, str] | None = None
    for language, (pattern, share, priority) in lexicon.scripts.items():
        if len(pattern.findall(sample)) >= share * letters and (best is None or priority > best[0]):
            best = (priority, language)
    return best[1] if best else None


def _least_share(language: str, lexicon: Lexicon) -> float:
    """The share of a sample's words that must be the language's commonest for the sample to read
    like it (less for a language whose list is short)."""
    return min(DECLARED_MIN_STOPWORDS, lexicon.stopword_shares.get(language, 1.0))


def _fits_declared(sample: str, declared: str, lexicon: Lexicon) -> bool:
    """A page's declared language is trusted when its text reads like it: site templates often
    declare 'en' over pages in other languages. One the lexicon cannot check is trusted as it is."""
    stopwords = lexicon.stopwords.get(declared)
    if not stopwords:
        return True
    found = fold(sample).split()
    hits = sum(1 for w in found if w in stopwords)
    least = _least_share(declared, lexicon)
    if has_unspaced(sample):
        hits += unspaced_hits(sample, frozen_stopwords(lexicon)[declared])
        return hits / max(word_count(sample), 1) >= least
    return bool(found) and hits / len(found) >= least


def _outvoted(sample: str, declared: str, lexicon: Lexicon) -> bool:
    """Another language's commonest words fill the text, twice as many as the declared one's: the
    template's declaration ('en' over a Spanish story), not the text's language. Short words many
    languages share ('a', 'no') can make a wrong declaration fit on its own."""
    if declared not in lexicon.stopwords:
        return False  # one the lexicon cannot check ('nb' where it knows 'no') is trusted as it is
    tokens = sample.casefold().split()
    counts = stopword_counts(tokens, lexicon, sample)
    top = max(counts, key=lambda language: (counts[language], language), default=None)
    if top is None or top == declared or counts[top] < 2 * counts.get(declared, 0):
        return False
    size = word_count(sample) if has_unspaced(sample) else len(tokens)
    return counts[top] >= lexicon.stopword_shares.get(top, STOPWORDS_CLEAR) * size


_UNSEEN = object()  # a token a memo has no answer for yet
STOPWORDS_CLEAR = 0.25  # share of a sample's words one language's commonest words must cover alone
TOKEN_EDGES = "\"'“”‘’«»()[]{}.,;:!?؟،؛…-–—*•·|/"


@lru_cache(maxsize=8)
def _stopword_index(lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for language, words in lexicon.stopwords.items():
        for word in words:
            index.setdefault(word, []).append(language)
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple for each set of languages: counted by it
    return {w: shared.setdefault(tuple(langs), tuple(langs)) for w, langs in index.items()}


def stopword_key(token: str) -> str:
    """A casefolded token as the lexicon stores words: folded, without the punctuation around it."""
    token = token.strip(TOKEN_EDGES)
    return token if token.isascii() else fold(token)


@lru_cache(maxsize=8)
def frozen_stopwords(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    """Each language's stopwords, one frozenset for the life of the lexicon: a set that keys a memo
    is found by identity, not compared word by word."""
    return {language: frozenset(words) for language, words in lexicon.stopwords.items()}


@lru_cache(maxsize=8)
def _unspaced_lists(lexicon: Lexicon) -> tuple[tuple[str, frozenset[str]], ...]:
    """The languages some of whose commonest words are written without spaces around them."""
    return tuple((lang, words) for lang, words in frozen_stopwords(lexicon).items() if any(map(has_unspaced, words)))


@lru_cache(maxsize=8)
def _suffix_lists(lexicon: Lexicon) -> tuple[tuple[str, frozenset[str], frozenset[str]], ...]:
    """The languages whose lists hold suffixes ("-는"): Korean glues its particles to its nouns.
    With each, the letters its suffixes end with."""
    lists = frozen_stopwords(lexicon).items()
    return tuple(
        (lang, words, frozenset(w[-1] for w in words if w[:1] == "-" and len(w) > 1))
        for lang, words in lists
        if any(w[:1] == "-" for w in words)
    )


def _keyed_languages(lexicon: Lexicon) -> dict[str, tuple[str, ...] | None]:
    """A token the index has not as it is -> the languages of its key (folded, its punctuation
    stripped), remembered from page to page."""
    return kept_answers("stopword languages by key", lexicon)


def _languages_of(token: str, index: dict[str, tuple[str, ...]], keyed: dict) -> tuple[str, ...] | None:
    """The languages whose commonest words hold the (casefolded) token, as it is or by its key."""
    languages = index.get(token)
    if languages is None and not (token.isalpha() and token.isascii()):  # else the token is its own key
        return _by_key(token, index, keyed)
    return languages


def _by_key(token: str, index: dict[str, tuple[str, ...]], keyed: dict) -> tuple[str, ...] | None:
    """The languages of a token the index has not as it is, by its key (remembered in `keyed`)."""
    languages = keyed.get(token, _UNSEEN)
    if languages is _UNSEEN:
        languages = keyed[token] = index.get(stopword_key(token))
    return languages


def stopword_counts(tokens: list[str], lexicon: Lexicon, text: str = "") -> dict[str, int]:
    """How many of the (casefolded) tokens are each language's commonest words; in `text`, the same
    words read as tokens, the words of unspaced scripts are counted inside its runs of letters."""
    index, keyed = _stopword_index(lexicon), _keyed_languages(lexicon)
    counted = Counter(tokens)
    # the tokens counted by the languages that list them: a common word ('a', 'de') is a dozen
    # languages', and a page's many such words share a few sets of them, each then added once
    tally: dict[tuple[str, ...], int] = {}
    # _languages_of, the index read for every token at once: most are none of its words
    for token, languages in zip(counted, map(index.get, counted), strict=True):
        if languages is None:
            if token.isalpha() and token.isascii():  # the token is its own key
                continue
            if (languages := _by_key(token, index, keyed)) is None:
                continue
        tally[languages] = tally.get(languages, 0) + counted[token]
    counts: dict[str, int] = {}
    for languages, n in tally.items():
        for language in languages:
            counts[language] = counts.get(language, 0) + n
    for language, words, letters in _suffix_lists(lexicon):
        if text and not any(letter in text for letter in letters):
            continue  # none of the letters its suffixes end with: no word of the text ends with one
        hits = suffix_hits(tokens, words)
        if hits:
            counts[language] = counts.get(language, 0) + hits
    if text and has_unspaced(text):
        for language, words in _unspaced_lists(lexicon):
            hits = unspaced_hits(text, words)
            if hits:
                counts[language] = counts.get(language, 0) + hits
    return counts


def stopword_ranking(tokens: list[str], lexicon: Lexicon, text: str = "") -> tuple[str | None, int, int]:
    """(the language whose commonest words the tokens hold most, how many, how many the runner-up holds)."""
    counts = stopword_counts(tokens, lexicon, text)
    if not counts:
        return None, 0, 0
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0])) + [("", 0)]
    return ranked[0][0], ranked[0][1], ranked[1][1]


def _by_stopwords(sample: str, lexicon: Lexicon) -> str | None:
    """The language whose commonest words make a quarter of the text (or the share its lexicon
    file gives), when no other comes close."""
    tokens = sample.casefold().split()
    language, count, runner_up = stopword_ranking(tokens, lexicon, sample)
    size = word_count(sample) if has_unspaced(sample) else len(tokens)
    if language is None or runner_up >= count / 2:
        return None
    if count < lexicon.stopword_shares.get(language, STOPWORDS_CLEAR) * size:
        return None
    return language


OWN_WORDS_MIN = 5  # words of a sample only one language's list holds that name that language


def _by_own_stopwords(sample: str, lexicon: Lexicon) -> str | None:
    """The language whose list alone holds five or more of the sample's words, when no word of the
    sample is another list's alone, and its list covers the most of the sample, 15% of it at least
    (as a declared language's must, _fits_declared). The words Spanish, French and Portuguese share
    (de, la, que, a) leave their counts too close for _by_stopwords; their own words (los, del, une,
    não) do not. On the bench, where this decides, langdetect answers the same, at a hundred times
    the cost. Unspaced scripts are told by their letters."""
    if has_unspaced(sample):
        return None
    index, keyed = _stopword_index(lexicon), _keyed_languages(lexicon)
    tokens = sample.casefold().split()
    own: set[str] = set()
    hits = 0
    for token in tokens:
        languages = _languages_of(token, index, keyed)
        if languages is not None and len(languages) == 1:
            own.add(languages[0])
            if len(own) > 1:
                return None  # another language's own words too: a page of two languages, or a third one's
            hits += 1
    if hits < OWN_WORDS_MIN:
        return None
    language, count, _ = stopword_ranking(tokens, lexicon, sample)
    # and the text reads like it: a results table's initials ('Palm Bay d. Rockledge', 'C. Martinez')
    # are French elisions to the list, five of them in sixty words of names and scores
    return language if language in own and count >= _least_share(language, lexicon) * len(tokens) else None


def load_profiles() -> None:
    """Load langdetect's profiles now (they load on first use otherwise): for benchmarks and servers."""
    _detector_factory()


def detect_language(text: str, lexicon: Lexicon, declared: str | None = None) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to tell.
    `declared` (from the page's markup) spares langdetect when the text bears it out."""
    sample = _sample(text)
    # each match is one letter: the letters of the sample are those of its first 400 characters and the rest's
    letters = _LETTERS.findall(sample[:400])
    if len(letters) < 20:
        return declared
    letters += _LETTERS.findall(sample[400:])
    by_letters = _by_marker_letters(sample, lexicon, letters) or _by_script(sample, lexicon, len(letters))
    if by_letters:
        return by_letters
    if declared and _fits_declared(sample, declared, lexicon) and not _outvoted(sample, declared, lexicon):
        return declared
    by_words = _by_stopwords(sample, lexicon) or _by_own_stopwords(sample, lexicon)
    if by_words:
        return by_words
    from langdetect.lang_detect_exception import LangDetectException

    detector = _detector_factory().create()
    detector.set_max_text_length(SAMPLE_CHARS)
    detector.n_trial = TRIALS
    detector.append(sample)
    try:
        language = detector.detect()
    except LangDetectException:
        return None
    return language.split("-")[0]
