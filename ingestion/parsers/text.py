"""Text helpers shared by parsers: HTML to plain text, hashtags and mentions in free text."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

_HASHTAG = re.compile(r"(?<![\w#])#(\w[\w-]*)", re.UNICODE)
_MENTION = re.compile(
    r"(?<![\w@/])@([A-Za-z0-9_][A-Za-z0-9_.-]*(?:@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?)"
)
_REDDIT_USER = re.compile(r"(?<![\w/])/?u/([A-Za-z0-9_-]{3,20})")
_BLOCKS = {"p", "br", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment: tags dropped, entities decoded, blocks on new lines.

    >>> html_to_text('<p>Ciao <a href="#">@ada</a> &amp; co</p><p>2nd</p>')
    'Ciao @ada & co\\n2nd'
    """
    if "<" not in markup:
        return html.unescape(markup).strip()
    extractor = _TextExtractor()
    extractor.feed(markup)
    extractor.close()
    lines = (" ".join(line.split()) for line in "".join(extractor.parts).splitlines())
    return "\n".join(line for line in lines if line)


def hashtags_in(text: str) -> list[str]:
    """Hashtags written in a text, in order, without ``#``.

    >>> hashtags_in("Buongiorno #Caffè e #colazione_italiana! not#this")
    ['Caffè', 'colazione_italiana']
    """
    return _HASHTAG.findall(text)


def mentions_in(text: str) -> list[str]:
    """``@handle`` mentions (``@user@instance`` kept whole); e-mail addresses are not mentions.

    >>> mentions_in("grazie @ada e @bob@mastodon.social, scrivi a info@example.com")
    ['ada', 'bob@mastodon.social']
    """
    return _MENTION.findall(text)


def reddit_users_in(text: str) -> list[str]:
    """``u/name`` mentions in Reddit text.

    >>> reddit_users_in("thanks u/ada_l and /u/bob42")
    ['ada_l', 'bob42']
    """
    return _REDDIT_USER.findall(text)


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.lower() if host else None
