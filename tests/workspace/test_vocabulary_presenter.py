"""The Vocabulary presenter: an audience's words where they exist, plain English otherwise."""

from __future__ import annotations

from mobilise.workspace.components import KEYS
from mobilise.workspace.vocabulary import DEFAULTS, KEY_TERMS, PLAIN, Vocabulary, vocabulary_for
from mobilise.workspace.vocabulary_services import audience_choose, audience_create, audience_update


def test_plain_english_names_every_component_and_key_term():
    assert PLAIN("leadership") == "Leadership for change"
    assert PLAIN.cap("programme") == "Programme"
    assert set(KEYS) | set(KEY_TERMS) == set(DEFAULTS)


def test_an_audiences_word_replaces_the_default_and_gaps_fall_back():
    words = Vocabulary({"leadership": "who leads the change", "spread": ""})
    assert words("leadership") == "who leads the change"
    assert words.cap("leadership") == "Who leads the change"
    assert words("spread") == "Spread of innovation"


def test_each_member_gets_the_words_they_chose(cast):
    audience = audience_create(programme=cast.programme, name="Board", by=cast.convenor)
    audience_update(audience=audience, name="Board", terms={"measurement": "Assurance"}, by=cast.convenor)
    audience_choose(programme=cast.programme, user=cast.viewer, audience=audience)
    assert vocabulary_for(cast.viewer, cast.programme)("measurement") == "Assurance"
    assert vocabulary_for(cast.viewer, cast.programme).audience == audience
    assert vocabulary_for(cast.member, cast.programme) is PLAIN
    assert vocabulary_for(cast.viewer, cast.other_programme) is PLAIN


def test_writing_the_plain_english_word_stores_no_override(cast):
    audience = audience_create(programme=cast.programme, name="Public", by=cast.member)
    audience_update(
        audience=audience,
        name="Public",
        terms={"measure": "measure", "partner": "  local service  "},
        by=cast.member,
    )
    assert dict(audience.terms.values_list("key", "text")) == {"partner": "local service"}
