#!/usr/bin/env python3
"""Write an HTML page and a Typst document with the same content as the
roadmap PDF of `fdr export --format pdf`, for the comparison benchmark
(bench/pdf/run.sh): cover, contents, the five parts with their tables, the
Gantt and one chart per indicator, the annex; header and footer with page
numbers; Noto Sans from assets/fonts. Standard library only.

Usage: make_sources.py ROADMAP.json OUT_DIR
"""
import html
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FONTS = os.path.join(ROOT, "assets", "fonts")
NNBSP, NBSP = "\u202f", "\u00a0"

STATUS = {"planned": "Prévue", "in_progress": "En cours", "done": "Réalisée", "abandoned": "Abandonnée"}
DIRECTION = {"increase": "À la hausse", "decrease": "À la baisse", "maintain": "Maintien"}
STAGE = {"diagnosis": "Diagnostic", "design": "Conception", "implementation": "Mise en œuvre", "evaluation": "Évaluation"}
METHOD = {"information": "Information", "consultation": "Consultation", "concertation": "Concertation",
          "co_construction": "Co-construction", "co_decision": "Co-décision"}


def group(n):
    s = str(abs(int(n)))
    out = ""
    while len(s) > 3:
        out = NNBSP + s[-3:] + out
        s = s[:-3]
    return ("-" if n < 0 else "") + s + out


def money(cents):
    e, c = divmod(int(cents), 100)
    return group(e) + ("" if c == 0 else f",{c:02d}") + NBSP + "€"


def num(v):
    if isinstance(v, int) or float(v).is_integer():
        return group(int(v))
    i, f = repr(float(v)).split(".")
    return group(int(i)) + "," + f


def date(d):
    return f"{d[8:10]}/{d[5:7]}/{d[0:4]}" if d and len(d) == 10 else (d or "—")


def blocks(text):
    """The format's light Markdown: paragraphs, '- ' bullets, **bold**, *italic*."""
    out = []
    for block in re.split(r"\n[ \t]*\n", text or ""):
        lines = [l.rstrip("\r") for l in block.split("\n") if l.strip()]
        if not lines:
            continue
        para, items = [], []
        for l in lines:
            if l.startswith("- "):
                if para:
                    out.append(("p", " ".join(para)))
                    para = []
                items.append(l[2:])
            elif items:
                items[-1] += " " + l
            else:
                para.append(l)
        if para:
            out.append(("p", " ".join(para)))
        if items:
            out.append(("ul", items))
    return out


def inline_html(t):
    t = html.escape(t)
    t = re.sub(r"\*\*(\S(?:.*?\S)?)\*\*", r"<b>\1</b>", t)
    return re.sub(r"\*(\S(?:.*?\S)?)\*", r"<i>\1</i>", t)


def typ_text(t):
    t = re.sub(r'([\\#$*_`<>@\[\]~"/=+-])', r"\\\1", t)
    t = re.sub(r"\\\*\\\*(\S(?:.*?\S)?)\\\*\\\*", r"#strong[\1]", t)
    return re.sub(r"\\\*(\S(?:.*?\S)?)\\\*", r"#emph[\1]", t)


def typ_str(t):
    return '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'


def state_share(funding):
    total = sum(f["amount_cents"] for f in funding)
    state = sum(f["amount_cents"] for f in funding if f["funder"].lower().replace("é", "e") == "etat")
    return state / total if total else None


def latest(x):
    ms = x.get("measurements") or []
    return max(ms, key=lambda m: m["date"]) if ms else None


def sections(r):
    """Document content as neutral pieces: (kind, data)."""
    s = []
    s.append(("h1", "1. Diagnostic"))
    s.append(("h2", "Constats"))
    s.append(("md", r["diagnosis"]["text"]))
    s.append(("h2", "Chiffres clés"))
    s.append(("table", (["Indicateur", "Valeur", "Année", "Territoire", "Source"],
                        [[k["label"], num(k["value"]) + (NBSP + k["unit"] if k.get("unit") else ""), str(k.get("year", "")),
                          k.get("territory", ""), k.get("source", "")] for k in r["diagnosis"]["key_figures"]])))
    s.append(("h1", "2. Objectifs et priorités"))
    for rank, o in enumerate(sorted(r["objectives"], key=lambda o: o["priority"]), 1):
        s.append(("h2", f"Priorité {rank} — {o['id']} · {o['title']}"))
        s.append(("md", o.get("text", "")))
        s.append(("p", "Territoires : " + (", ".join(o.get("territories") or []) or "—")))
    s.append(("h1", "3. Moyens et plan d’action"))
    s.append(("h2", "Tableau des actions"))
    s.append(("table", (["Id", "Action", "Pilote", "Dates", "Statut", "Total"],
                        [[a["id"], a["title"], a.get("lead", "—"), f"{date(a.get('start'))} – {date(a.get('end'))}",
                          STATUS[a["status"]], money(sum(f["amount_cents"] for f in a["funding"]))] for a in r["actions"]])))
    s.append(("h2", "Détail des actions"))
    for a in r["actions"]:
        s.append(("h3", f"{a['id']} · {a['title']}"))
        s.append(("md", a.get("text", "")))
        for label, value in [("Pilote", a.get("lead", "—")), ("Partenaires", ", ".join(a.get("partners") or []) or "—"),
                             ("Territoires", ", ".join(a.get("territories") or []) or "—"),
                             ("Objectifs", ", ".join(a["objectives"]) or "—"),
                             ("Calendrier", f"{date(a.get('start'))} – {date(a.get('end'))}"), ("Statut", STATUS[a["status"]])]:
            s.append(("p", f"{label} : {value}"))
        rows = [[f["funder"], str(f["year"]), money(f["amount_cents"])] for f in a["funding"]]
        share = state_share(a["funding"])
        rows.append([f"Total (part de l’État : {share * 100:.1f} %)" if share is not None else "Total", "",
                     money(sum(f["amount_cents"] for f in a["funding"]))])
        s.append(("table", (["Financeur", "Année", "Montant"], rows)))
    s.append(("h2", "Budget par financeur et par année"))
    years = sorted({f["year"] for a in r["actions"] for f in a["funding"]})
    funders = []
    for a in r["actions"]:
        for f in a["funding"]:
            if f["funder"] not in funders:
                funders.append(f["funder"])
    grid = {}
    for a in r["actions"]:
        for f in a["funding"]:
            grid[(f["funder"], f["year"])] = grid.get((f["funder"], f["year"]), 0) + f["amount_cents"]
    rows = [[fu] + [money(grid.get((fu, y), 0)) for y in years] + [money(sum(grid.get((fu, y), 0) for y in years))] for fu in funders]
    rows.append(["Total"] + [money(sum(grid.get((fu, y), 0) for fu in funders)) for y in years] + [money(sum(grid.values()))])
    s.append(("table", (["Financeur"] + [str(y) for y in years] + ["Total"], rows)))
    s.append(("h2", "Calendrier des actions"))
    s.append(("gantt", (r["period"], r["actions"])))
    s.append(("h1", "4. Indicateurs"))
    s.append(("h2", "Tableau des indicateurs"))
    dv = lambda v, u: f"{num(v['value'])}{NBSP}{u} au {date(v['date'])}" if v else "—"
    s.append(("table", (["Id", "Indicateur", "Unité", "Sens", "Référence", "Cible", "Dernière valeur"],
                        [[x["id"], x["name"], x["unit"], DIRECTION[x["direction"]], dv(x.get("baseline"), x["unit"]),
                          dv(x.get("target"), x["unit"]), dv(latest(x), x["unit"])] for x in r["indicators"]])))
    s.append(("h2", "Évolution des indicateurs"))
    for x in r["indicators"]:
        s.append(("h3", f"{x['id']} · {x['name']}"))
        s.append(("md", x.get("definition", "")))
        s.append(("chart", x))
    s.append(("h1", "5. Participation des bénéficiaires"))
    s.append(("h2", "Démarche"))
    s.append(("md", r["participation"]["text"]))
    s.append(("h2", "Pratiques de participation"))
    s.append(("table", (["Étape", "Niveau", "Description", "Participants", "Date"],
                        [[STAGE[p["stage"]], METHOD[p["method"]], p["description"], str(p.get("participants", "—")),
                          date(p.get("date"))] for p in r["participation"]["practices"]])))
    s.append(("h1", "Annexe — Points d’attention"))
    s.append(("p", "Points relevés par les contrôles du format."))
    return s


def chart_points(x):
    pts = [(m["date"], m["value"]) for m in ([x["baseline"]] if x.get("baseline") else []) + (x.get("measurements") or [])]
    target = (x["target"]["date"], x["target"]["value"]) if x.get("target") else None
    return pts, target


def day(d):
    y, m, dd = int(d[:4]), int(d[5:7]), int(d[8:10])
    return y * 372 + m * 31 + dd


def write_html(r, path):
    out = []
    w = out.append
    title = f"Feuille de route — Thème n° {r['theme']['number']} : {r['theme']['title']}"
    font_faces = "".join(
        f"@font-face{{font-family:'Noto Sans';src:url('file://{FONTS}/NotoSans-{n}.ttf');font-weight:{wt};font-style:{st}}}"
        for n, wt, st in [("Regular", 400, "normal"), ("Bold", 700, "normal"), ("Italic", 400, "italic"), ("BoldItalic", 700, "italic")])
    w(f"""<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{html.escape(title)}</title><style>
{font_faces}
@page {{ size: A4; margin: 24mm 20mm 22mm 20mm; }}
body {{ font-family: 'Noto Sans'; font-size: 9.5pt; color: #161616; line-height: 1.32; }}
h1 {{ color: #000091; font-size: 16pt; border-bottom: 1px solid #000091; break-before: page; break-after: avoid; }}
h2 {{ color: #000091; font-size: 12.5pt; break-after: avoid; }} h3 {{ font-size: 10.5pt; break-after: avoid; }}
table {{ width: 100%; border-collapse: collapse; font-size: 8pt; margin: 4pt 0 8pt; }}
thead {{ display: table-header-group; }} th {{ background: #ececfe; text-align: left; border-bottom: 1px solid #000091; padding: 3pt; }}
td {{ padding: 3pt; border-bottom: .3pt solid #ccc; }} tr {{ break-inside: avoid; }}
.cover {{ break-after: page; }} .band {{ background: #000091; color: white; padding: 20pt; margin: -24mm -20mm 40pt; height: 110pt; }}
.toc div {{ display: flex; }} .toc span.dots {{ flex: 1; border-bottom: .3pt solid #ccc; margin: 0 4pt 4pt; }}
.footer {{ position: fixed; bottom: -14mm; font-size: 7.5pt; color: #666; }}
.header {{ position: fixed; top: -16mm; font-size: 7.5pt; color: #666; }}
</style></head><body>
<div class="header">Feuille de route · Thème n° {r['theme']['number']} · {html.escape(r['theme']['title'])}</div>
<div class="footer">Révision {r['revision']}</div>
<div class="cover"><div class="band"><b>Région {html.escape(r['region']['name'])}</b><br>Stratégie nationale de prévention et de lutte contre la pauvreté — {r['period']['start']}–{r['period']['end']}</div>
<p style="color:#000091"><b>Feuille de route thématique · Thème n° {r['theme']['number']}</b></p>
<h1 style="border:none;break-before:auto;font-size:24pt">{html.escape(r['theme']['title'])}</h1>
<p>Animation : {html.escape(' ; '.join(a['name'] for a in r['animators']))}<br>Révision {r['revision']}</p></div>""")
    content = sections(r)
    w('<h1 style="break-before:auto">Sommaire</h1><div class="toc">')
    for kind, data in content:
        if kind in ("h1",) or (kind == "h2" and not data.startswith("Priorité")):
            w(f'<div style="margin-left:{0 if kind == "h1" else 14}pt"><span>{html.escape(data)}</span><span class="dots"></span><span>…</span></div>')
    w("</div>")
    for kind, data in content:
        if kind in ("h1", "h2", "h3"):
            w(f"<{kind}>{html.escape(data)}</{kind}>")
        elif kind == "p":
            w(f"<p>{html.escape(data)}</p>")
        elif kind == "md":
            for b, v in blocks(data):
                w(f"<p>{inline_html(v)}</p>" if b == "p" else "<ul>" + "".join(f"<li>{inline_html(i)}</li>" for i in v) + "</ul>")
        elif kind == "table":
            head, rows = data
            w("<table><thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in head) + "</tr></thead><tbody>")
            for row in rows:
                w("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
            w("</tbody></table>")
        elif kind == "gantt":
            period, actions = data
            years = period["end"] - period["start"] + 1
            for i in range(0, len(actions), 60):
                chunk = actions[i:i + 60]
                h = 16 + 11 * len(chunk)
                svg = [f'<svg width="480" height="{h}" role="img" aria-label="Calendrier">']
                for k in range(years):
                    x = 46 + k * 434 / years
                    svg.append(f'<text x="{x + 40}" y="10" font-size="8">{period["start"] + k}</text><line x1="{x}" y1="14" x2="{x}" y2="{h}" stroke="#ccc"/>')
                for j, a in enumerate(chunk):
                    def frac(d, default):
                        if not d:
                            return default
                        return min(max((int(d[:4]) - period["start"] + (int(d[5:7]) - 1) / 12) / years, 0), 1)
                    f0, f1 = frac(a.get("start"), 0), frac(a.get("end"), 1)
                    y = 16 + j * 11
                    svg.append(f'<text x="0" y="{y + 8}" font-size="8">{a["id"]}</text><rect x="{46 + f0 * 434}" y="{y + 2}" width="{max((f1 - f0) * 434, 1.5)}" height="6" fill="#000091"/>')
                svg.append("</svg>")
                w("".join(svg))
        elif kind == "chart":
            pts, target = chart_points(data)
            allp = pts + ([target] if target else [])
            if not allp:
                continue
            d0, d1 = min(day(p[0]) for p in allp), max(day(p[0]) for p in allp) or 1
            v0, v1 = min(0, min(p[1] for p in allp)), max(p[1] for p in allp)
            sx = lambda d: 40 + (day(d) - d0) / max(d1 - d0, 1) * 300
            sy = lambda v: 70 - (v - v0) / max(v1 - v0, 1e-9) * 60
            poly = " ".join(f"{sx(d):.1f},{sy(v):.1f}" for d, v in pts)
            w(f'<svg width="480" height="96" role="img" aria-label="Évolution"><line x1="40" y1="10" x2="40" y2="70" stroke="#888"/>'
              f'<line x1="40" y1="70" x2="340" y2="70" stroke="#888"/><polyline points="{poly}" fill="none" stroke="#000091" stroke-width="1.4"/>'
              + (f'<rect x="{sx(target[0]) - 2}" y="{sy(target[1]) - 2}" width="4.5" height="4.5" fill="#ce0031"/>' if target else "")
              + "</svg>")
    w("</body></html>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def write_typst(r, path):
    out = []
    w = out.append
    w(f"""#set document(title: {typ_str('Feuille de route — Thème n° ' + str(r['theme']['number']))})
#set text(font: "Noto Sans", size: 9.5pt, lang: "fr")
#set page(paper: "a4", margin: (x: 20mm, top: 24mm, bottom: 22mm),
  header: context {{ if counter(page).get().first() > 1 [#text(size: 7.5pt, fill: gray)[Feuille de route · Thème n° {r['theme']['number']} · {typ_text(r['theme']['title'])}]] }},
  footer: context [#text(size: 7.5pt, fill: gray)[Révision {r['revision']} #h(1fr) Page #counter(page).display("1 / 1", both: true)]])
#show heading.where(level: 1): it => {{ pagebreak(weak: true); text(fill: rgb("#000091"), size: 16pt, it) ; line(length: 100%, stroke: rgb("#000091")) }}
#show heading.where(level: 2): set text(fill: rgb("#000091"), size: 12.5pt)
#show heading.where(level: 3): set text(size: 10.5pt)
#set table(stroke: (x, y) => if y == 0 {{ (bottom: rgb("#000091")) }} else {{ (bottom: 0.3pt + luma(200)) }}, fill: (x, y) => if y == 0 {{ rgb("#ececfe") }})
#block(fill: rgb("#000091"), width: 100% + 40mm, inset: 20pt, outset: (x: 20mm))[#text(fill: white)[*Région {typ_text(r['region']['name'])}* \\ Stratégie nationale de prévention et de lutte contre la pauvreté — {r['period']['start']}–{r['period']['end']}]]
#v(30pt)
#text(fill: rgb("#000091"))[*Feuille de route thématique · Thème n° {r['theme']['number']}*]
#text(size: 24pt, fill: rgb("#000091"))[*{typ_text(r['theme']['title'])}*]

Animation : {typ_text(' ; '.join(a['name'] for a in r['animators']))} \\ Révision {r['revision']}
#pagebreak()
#outline(title: [Sommaire], depth: 2)
""")
    for kind, data in sections(r):
        if kind in ("h1", "h2", "h3"):
            marks = {"h1": "=", "h2": "==", "h3": "==="}[kind]
            outlined = "" if kind != "h2" or not data.startswith("Priorité") else ""
            w(f"{marks} {typ_text(data)}{outlined}\n")
        elif kind == "p":
            w(typ_text(data) + "\n")
        elif kind == "md":
            for b, v in blocks(data):
                w(typ_text(v) + "\n" if b == "p" else "\n".join("- " + typ_text(i) for i in v) + "\n")
        elif kind == "table":
            head, rows = data
            w(f"#table(columns: {len(head)}, table.header(repeat: true, " + ", ".join(f"[*{typ_text(h)}*]" for h in head) + "),")
            w(",\n".join(", ".join(f"[{typ_text(c)}]" for c in row) for row in rows) + (",)" if rows else ")"))
        elif kind == "gantt":
            period, actions = data
            years = period["end"] - period["start"] + 1
            for i in range(0, len(actions), 60):
                chunk = actions[i:i + 60]
                items = []
                for j, a in enumerate(chunk):
                    def frac(d, default):
                        if not d:
                            return default
                        return min(max((int(d[:4]) - period["start"] + (int(d[5:7]) - 1) / 12) / years, 0), 1)
                    f0, f1 = frac(a.get("start"), 0), frac(a.get("end"), 1)
                    y = 16 + j * 11
                    items.append(f'place(dx: 0pt, dy: {y}pt, text(size: 8pt)[{typ_text(a["id"])}]); place(dx: {46 + f0 * 434:.1f}pt, dy: {y + 2}pt, rect(width: {max((f1 - f0) * 434, 1.5):.1f}pt, height: 6pt, fill: rgb("#000091")))')
                grid = "; ".join(f'place(dx: {46 + k * 434 / years:.1f}pt, dy: 0pt, text(size: 8pt)[{period["start"] + k}])' for k in range(years))
                w(f"#block(width: 100%, height: {16 + 11 * len(chunk)}pt, breakable: false)[#{{ {grid}; " + "; ".join(items) + " }]")
        elif kind == "chart":
            pts, target = chart_points(data)
            allp = pts + ([target] if target else [])
            if not allp:
                continue
            d0, d1 = min(day(p[0]) for p in allp), max(day(p[0]) for p in allp)
            v0, v1 = min(0, min(p[1] for p in allp)), max(p[1] for p in allp)
            sx = lambda d: 40 + (day(d) - d0) / max(d1 - d0, 1) * 300
            sy = lambda v: 70 - (v - v0) / max(v1 - v0, 1e-9) * 60
            segments = [(pts[i], pts[i + 1]) for i in range(len(pts) - 1)]
            poly = "; ".join(f'place(line(start: ({sx(a[0]):.1f}pt, {sy(a[1]):.1f}pt), end: ({sx(b[0]):.1f}pt, {sy(b[1]):.1f}pt), stroke: 1.4pt + rgb("#000091")))' for a, b in segments)
            tgt = f'; place(dx: {sx(target[0]) - 2:.1f}pt, dy: {sy(target[1]) - 2:.1f}pt, rect(width: 4.5pt, height: 4.5pt, fill: rgb("#ce0031")))' if target else ""
            w(f'#block(width: 100%, height: 96pt, breakable: false)[#{{ place(line(start: (40pt, 10pt), end: (40pt, 70pt))); place(line(start: (40pt, 70pt), end: (340pt, 70pt))){"; " + poly if poly else ""}{tgt} }}]')
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def combine(out_base, sources):
    """One HTML page and one Typst document holding several roadmaps one
    after the other (the content of a consolidated document, without its
    regional summary tables)."""
    bodies, typs = [], []
    head = None
    for i, src in enumerate(sources):
        with open(src, encoding="utf-8") as f:
            r = json.load(f)
        tmp_html, tmp_typ = out_base + f".part{i}.html", out_base + f".part{i}.typ"
        write_html(r, tmp_html)
        write_typst(r, tmp_typ)
        with open(tmp_html, encoding="utf-8") as f:
            page = f.read()
        start, end = page.index("<body>") + len("<body>"), page.rindex("</body>")
        head = head or page[:start]
        bodies.append(page[start:end])
        with open(tmp_typ, encoding="utf-8") as f:
            typ = f.read()
        if i > 0:
            typ = typ.replace("#outline(title: [Sommaire], depth: 2)", "")
        typs.append(typ)
        os.remove(tmp_html)
        os.remove(tmp_typ)
    with open(out_base + ".html", "w", encoding="utf-8") as f:
        f.write(head + "\n".join(bodies) + "</body></html>")
    with open(out_base + ".typ", "w", encoding="utf-8") as f:
        f.write("\n#pagebreak()\n".join(typs))


def main():
    if sys.argv[1] == "--combine":
        combine(sys.argv[2], sys.argv[3:])
        return
    src, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    with open(src, encoding="utf-8") as f:
        r = json.load(f)
    base = os.path.splitext(os.path.basename(src))[0]
    write_html(r, os.path.join(out_dir, base + ".html"))
    write_typst(r, os.path.join(out_dir, base + ".typ"))


if __name__ == "__main__":
    main()
