"""A date's role is named by the last publish or update label before it, in every language."""

import pytest

from cleaner.extract.blocks import Block
from cleaner.furniture.lexicon import load_lexicon
from cleaner.furniture.rules import Settings, date_line

LINES = {
    "Published 3 March 2024, updated 5 March 2024": ["published", "updated"],
    "Updated: 5 March 2024": ["updated"],
    "5 March 2024": ["unlabeled"],
    "Publié le 3 mars 2024 à 10h, mis à jour le 5 mars 2024": ["published", "updated"],
    "Veröffentlicht am 3. März 2024, aktualisiert am 5. März 2024": ["published", "updated"],
    "Опубликовано: 3 марта 2024, обновлено: 5 марта 2024": ["published", "updated"],
    "نشر في 3 مارس 2024 - آخر تحديث 5 مارس 2024": ["published", "updated"],
}


@pytest.mark.parametrize("line", LINES)
def test_the_last_label_before_each_date_names_it(line):
    dates = date_line(Block(line), load_lexicon(), Settings())
    assert [role for role, _, _ in dates] == LINES[line]

