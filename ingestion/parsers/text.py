"""Text helpers shared by parsers: HTML to plain text, hashtags and mentions in free text."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

_HASHTAG = re.compile(r"(?<![\w#])#(\w[\w-]*)", re.UNICODE)
_MENTION = re.compile(
    r"(?<![\w@/])@([A-Za-z0-9_][A-Za-z0-9_.-]*(?:@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?)"
)
_REDDIT_USER = re.compile(r"(?<![\w/])/?u/([A-Za-z0-9_-]{3,20})")
_INVISIBLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BREAK = re.compile(r"<br\s*/?>|</(?:p|div|li|blockquote|h[1-6]|tr)\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment: tags dropped, entities decoded, blocks on new lines.

    Social platforms send simple, well-formed fragments (paragraphs, links, line breaks), so
    regular expressions do here what a full HTML parser would, several times faster.

    >>> html_to_text('<p>Ciao <a href="#">@ada</a> &amp; co</p><p>2nd<br/>line</p>')
    'Ciao @ada & co\\n2nd\\nline'
    >>> html_to_text('<p>x<script>alert(1)</script> &lt;b&gt;</p>')
    'x <b>'
    """
    if "<" not in markup:
        return html.unescape(markup).strip()
    text = _INVISIBLE.sub(" ", markup)
    text = _BREAK.sub("\n", text)
    text = html.unescape(_TAG.sub("", text))
    lines = (" ".join(line.split()) for line in text.splitlines())
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


def web_links_in(markup: str) -> list[str]:
    """The http(s) links of anchors in HTML (a profile field's value, say).

    >>> web_links_in('<a href="https://giulia.example/" rel="me">giulia.example</a>')
    ['https://giulia.example/']
    """
    links = (html.unescape(href) for href in _HREF.findall(markup))
    return [link for link in links if link.startswith(("http://", "https://"))]
