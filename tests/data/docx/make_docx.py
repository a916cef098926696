"""Generates the .docx test files with python-docx (pip install python-docx==1.2.0).

Run from the repository root: python3 tests/data/docx/make_docx.py
The generated files are committed; the tests do not need Python.
"""
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def numbered(paragraph, num_id="1", level="0"):
    """Gives a paragraph Word automatic numbering (w:numPr), as Word does for 编号."""
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), level)
    numid = OxmlElement("w:numId")
    numid.set(qn("w:val"), num_id)
    numpr.append(ilvl)
    numpr.append(numid)
    ppr.append(numpr)


# The user's sample report, one paragraph per line.
seed = open("seeds/000_18ae15f2ea8019a0.txt", encoding="utf-8").read()
doc = Document()
for line in seed.split("\n")[:-1] if seed.endswith("\n") else seed.split("\n"):
    doc.add_paragraph(line)
doc.save("tests/data/docx/seed.docx")

# A short report: a duplicate heading, a typo split across runs, a table, a tracked insertion,
# and three paragraphs numbered by Word.
doc = Document()
doc.add_paragraph("关于2024年工作情况的报告")
doc.add_paragraph("一、主要工作")
p = doc.add_paragraph("全体干部发扬拼")
p.add_run("博").bold = True
p.add_run("精神，出台意见》。")
doc.add_paragraph("二、存在问题")
doc.add_paragraph("二、下一步安排")
table = doc.add_table(rows=1, cols=2)
table.cell(0, 0).text = "指标"
table.cell(0, 1).text = "增长10～20%"
for text in ["加强组织领导", "强化督促检查", "严格责任追究"]:
    numbered(doc.add_paragraph(text))
# Numbering that comes from the paragraph style (styles.xml), as Word's linked heading styles do.
doc.add_paragraph("抓好工作落实", style="List Number")
doc.save("tests/data/docx/report.docx")
