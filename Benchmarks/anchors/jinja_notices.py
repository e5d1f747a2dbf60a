#!/usr/bin/env python3
"""The web developer's alternative, as a performance anchor: the same notices rendered to a
standalone HTML page by a Jinja2 template with autoescaping, the usual way a Python web app
would print an official document.

    jinja_notices.py --documents DOCS.json --stylesheet STYLE.css --renders N

DOCS.json is a list of documents (issuer, number, title, addressee, blocks of [kind, text],
signature, date, note, copies, printer, print_date) exported by yujing-benchmarks. Renders the
list round-robin N times and prints one JSON line with renders per second.
Needs jinja2 (pip install jinja2).
"""
import argparse, json, time
from jinja2 import Environment

ap = argparse.ArgumentParser()
ap.add_argument("--documents", required=True); ap.add_argument("--stylesheet", required=True)
ap.add_argument("--renders", type=int, default=20000)
a = ap.parse_args()
documents = json.load(open(a.documents, encoding="utf-8"))
stylesheet = open(a.stylesheet, encoding="utf-8").read()

TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ d.title }}</title>
<style>
{{ stylesheet | safe }}</style>
</head>
<body class="gw-page">
<article class="gw-doc{% if not d.number %} gw-draft{% endif %}" lang="zh-CN" aria-label="{{ d.title }}">
<header class="gw-head">
<p class="gw-issuer">{{ d.issuer }}</p>
<p class="gw-number">{{ d.number or "〔编号待定〕" }}</p>
<hr class="gw-rule">
</header>
<div class="gw-main">
<h1 class="gw-title">{% for line in d.title.split("\\n") %}{{ line }}{% if not loop.last %}<br>{% endif %}{% endfor %}</h1>
{% if d.addressee %}<p class="gw-addressee">{{ d.addressee }}：</p>{% endif %}
{% for kind, text in d.blocks %}{% if kind == "p" %}<p class="gw-p">{{ text }}</p>
{% else %}<h{{ kind }} class="gw-h{{ kind }}">{{ text }}</h{{ kind }}>
{% endif %}{% endfor %}<div class="gw-closing">
<div class="gw-sign">
<p class="gw-signature">{{ d.signature }}</p>
<p class="gw-date">{{ d.date or "（成文日期待定）" }}</p>
</div>
{% if d.note %}<p class="gw-note">（{{ d.note }}）</p>{% endif %}
</div>
</div>
<footer class="gw-record">
{% if d.copies %}<p class="gw-copies">抄送：{{ d.copies | join("，") }}。</p>{% endif %}
<p class="gw-printed"><span>{{ d.printer }}</span><span>{{ d.print_date or "" }}印发</span></p>
</footer>
</article>
</body>
</html>
"""

template = Environment(autoescape=True).from_string(TEMPLATE)
for d in documents:  # warm up
    template.render(d=d, stylesheet=stylesheet)
start = time.perf_counter()
size = 0
for i in range(a.renders):
    size += len(template.render(d=documents[i % len(documents)], stylesheet=stylesheet))
elapsed = time.perf_counter() - start
print(json.dumps({"renders": a.renders, "seconds": elapsed, "per_second": a.renders / elapsed, "chars": size}))
