"""The page a tab opens: the terminal textual-serve's script draws, and nothing from
outside this machine (the stock page loads its font from a web font service)."""

from __future__ import annotations

from html import escape

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>{title}</title>
<link rel="stylesheet" href="/static/css/xterm.css">
<style>
  @font-face {{
    font-family: "Roboto Mono";
    src: url("/static/fonts/RobotoMono-VariableFont_wght.ttf") format("truetype");
    font-weight: 100 700;
  }}
  html, body {{ margin: 0; height: 100%; background: #10151a; color: #dde3e8; }}
  body {{ font: 16px "Roboto Mono", ui-monospace, monospace; }}
  .textual-terminal {{ width: 100vw; height: 100vh; opacity: 0; }}
  body.-first-byte .textual-terminal {{ opacity: 1; transition: opacity 0.2s ease-out; }}
  .notice {{
    position: absolute; inset: 0; display: flex; align-items: center;
    justify-content: center; text-align: center; line-height: 1.6;
  }}
  body.-first-byte .starting, .ended {{ display: none; }}
  body.-closed .ended {{ display: flex; background: #10151a; z-index: 10; }}
  .ended p {{ max-width: 34em; }}
  kbd {{ border: 1px solid #56626d; border-radius: 3px; padding: 0 0.3em; }}
</style>
<script src="/static/js/textual.js"></script>
</head>
<body>
<div class="notice starting"><p>Opening {journal}…</p></div>
<div class="notice ended">
  <p>This window on the journal has closed; what you typed is saved.<br>
  Reload the page (<kbd>F5</kbd>) to open it again.</p>
</div>
<div id="terminal" class="textual-terminal"
  data-session-websocket-url="{websocket}" data-font-size="{font_size}"></div>
</body>
</html>
"""


def page(*, websocket: str, journal: str, font_size: int = 16) -> str:
    """The page for one tab; every value is escaped (the journal's name is the user's)."""
    return PAGE.format(
        title=escape(f"Interview Journal — {journal}"),
        journal=escape(journal),
        websocket=escape(websocket, quote=True),
        font_size=int(font_size),
    )
