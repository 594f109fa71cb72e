"""Markdown escaping: text that no substitution would change is returned as it is, without making them; any other
text gets every one. The two must agree on every text."""

from __future__ import annotations

from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from framework.textsafe import _escaped, md_escape

# The characters the substitutions look at, often enough that most examples hold some of them.
MARKUP = "\\`*_[]<>&|~$#:@.-+=/0123456789 \t\n\xa0\u202e\u2066\u2069\x00\x1b\x85wW"
# Words with one of them in: the cases where the shortcut must not be taken look like plain text but for one.
WORDS = st.text(alphabet=st.sampled_from("aw W.,1é") | st.sampled_from(MARKUP), max_size=12)


@settings(max_examples=4000, deadline=None)
@given(st.text(alphabet=st.sampled_from(MARKUP) | st.characters(), max_size=40) | WORDS)
def test_text_is_escaped_the_same_with_or_without_the_shortcut(text):
    assert md_escape(text) == _escaped(text)


def test_every_short_text_is_escaped_the_same_with_or_without_the_shortcut():
    """Every text of up to four characters from letters, spaces and the characters that make markup."""
    alphabet = "aw.: @/1-=#_\n\xa0\u202e\x1b"
    for length in range(5):
        for chars in product(alphabet, repeat=length):
            text = "".join(chars)
            assert md_escape(text) == _escaped(text), text
    for text in ("www.example.org", "see WWW.x", "Www.a", "a www.b", "name@example.org", "https://a.b/c_d"):
        assert md_escape(text) == _escaped(text) != text, text


def test_plain_text_is_returned_as_it_is_and_markup_is_escaped():
    plain = "Lead the end-to-end delivery of new digital services for the council, with partners."
    assert md_escape(plain) is plain
    assert md_escape("1. Build") == "1\\. Build"
    assert md_escape("- item") == "\\- item"
    assert md_escape("see www.example.org") == "see www\\.example.org"
    assert md_escape("a  b\nc ") == "a b c"
    assert md_escape(":material/home:") == "\\:material\\/home:", "no icon, no shortcode"
    assert md_escape(42) == "42"
