"""The journal in a browser tab: `interview-journal serve`.

textual-serve runs one app process per tab and relays its screen to the page; what is ours
is the gate in front of it (`guard`: a secret per run, loopback only, nothing started for
a request without it), the page (`page`: no resource from outside the machine), and the
server's care for those processes (`server`: each started as our own program, ended with
its typing saved when its tab closes or when `serve` stops).

Only `cli.serve` imports this package, and only once textual-serve is known to be
installed (the `[web]` extra).
"""
