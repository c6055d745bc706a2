//! The style sheet inlined into every HTML document: screen reading at a
//! page's width, and A4 printing with headers repeated and rows kept whole.

/// The CSS of every HTML document. It holds no values from a view.
pub(super) const CSS: &str = r#"
@page { size: A4; margin: 18mm 16mm 20mm; }
* { box-sizing: border-box; }
body {
  margin: 0; color: #111; background: #fff;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
    "PingFang SC", "Microsoft YaHei", sans-serif;
  font-size: 10.5pt; line-height: 1.5;
}
.document { max-width: 178mm; margin: 0 auto; padding: 12mm 0; }
.doc-header h1 {
  margin: 0; text-align: center; font-size: 22pt; letter-spacing: 0.3em;
}
.doc-header h1 .en {
  display: block; font-size: 11pt; font-weight: normal; letter-spacing: normal;
  color: #555;
}
.reference { margin: 4pt 0 8pt; text-align: right; }
h2 { margin: 12pt 0 4pt; font-size: 11pt; break-after: avoid; }
.en-inline { font-weight: normal; font-size: 8.5pt; color: #555; }
p { margin: 4pt 0; }
p.note { font-size: 8.5pt; color: #444; }
table.grid { width: 100%; border-collapse: collapse; margin: 4pt 0 8pt; }
.grid th, .grid td {
  border: 0.5pt solid #444; padding: 2.5pt 5pt; vertical-align: top;
}
.grid th { background: #eee; font-weight: 600; text-align: center; }
.grid td.label { background: #f5f5f5; }
.grid td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.grid td.center { text-align: center; white-space: nowrap; }
.grid tr.total td { font-weight: 600; }
.grid.compact { font-size: 8pt; }
.grid.compact th, .grid.compact td { padding: 2pt 3pt; }
.sub { display: block; font-size: 7.5pt; font-weight: normal; color: #555; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.signatures { display: flex; gap: 10mm; margin-top: 14pt; break-inside: avoid; }
.sign-box { flex: 1; }
.sign-box:only-child { flex: 0 0 50%; margin-left: auto; }
.sign-line { margin: 0 0 16pt; }
.sign-value {
  display: block; min-height: 18pt; border-bottom: 0.5pt solid #444;
}
.doc-footer { margin-top: 16pt; font-size: 8pt; color: #777; text-align: center; }
@media print {
  .document { max-width: none; padding: 0; }
  .doc-footer { display: none; }
}
"#;
