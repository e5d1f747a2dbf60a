/// A 发文稿纸 as HTML: one A4 sheet, the form's heading in red over a ruled table of the
/// document's particulars and the steps, a row a role with room for a hand-written opinion.
/// Every text from the model is escaped.
public enum ProcessingFormHTML {
  /// - Parameter standalone: a whole page with its stylesheet; otherwise only the `<article>`.
  public static func render(_ form: ProcessingForm, standalone: Bool = true) -> String {
    var html = ""
    if standalone {
      html += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
      HTMLRenderer.escape(heading(form), into: &html)
      html += "</title>\n<style>\n" + stylesheet + "</style>\n</head>\n<body class=\"gw-page\">\n"
    }
    html += "<article class=\"gw-form\" lang=\"zh-CN\">\n<h1 class=\"gw-form-title\">"
    HTMLRenderer.escape(heading(form), into: &html)
    html += "</h1>\n<table class=\"gw-form-table\">\n"
    html += "<colgroup><col class=\"gw-form-label\"><col><col class=\"gw-form-label\"><col></colgroup>\n"
    row("文号", form.number ?? DocumentWording.numberPlaceholder, into: &html)
    if form.classification != nil || form.urgency != nil {
      pair(("密级", form.classification ?? ""), ("缓急", form.urgency ?? ""), into: &html)
    }
    for (role, steps) in form.rows {
      html += "<tr class=\"gw-form-step\"><th scope=\"row\">\(role.chinese)</th><td colspan=\"3\">"
      for step in steps {
        html += "<div class=\"gw-form-signed\"><p class=\"gw-form-opinion\">"
        HTMLRenderer.escape(step.opinion ?? "", into: &html, lineBreaks: true)
        html += "</p><p class=\"gw-form-signer\"><span>"
        HTMLRenderer.escape(step.signer, into: &html)
        html += "</span><span>\(step.date.chinese)</span></p></div>"
      }
      html += "</td></tr>\n"
    }
    row("标题", form.title, into: &html)
    row("主送", form.addressee ?? "", into: &html)
    row("抄送", form.copies.isEmpty ? "" : DocumentWording.copies(form.copies), into: &html)
    if form.printer != nil || form.printDate != nil {
      pair(("印发机关", form.printer ?? ""), ("印发日期", form.printDate ?? ""), into: &html)
    }
    if let copies = form.printedCopies { row("份数", "\(copies)份", into: &html) }
    html += "</table>\n</article>\n"
    if standalone { html += "</body>\n</html>\n" }
    return html
  }

  static func heading(_ form: ProcessingForm) -> String { form.issuer + "发文稿纸" }

  private static func row(_ label: String, _ text: String, into html: inout String) {
    html += "<tr><th scope=\"row\">\(label)</th><td colspan=\"3\">"
    HTMLRenderer.escape(text, into: &html, lineBreaks: true)
    html += "</td></tr>\n"
  }

  private static func pair(_ first: (String, String), _ second: (String, String), into html: inout String) {
    html += "<tr><th scope=\"row\">\(first.0)</th><td>"
    HTMLRenderer.escape(first.1, into: &html)
    html += "</td><th scope=\"row\">\(second.0)</th><td>"
    HTMLRenderer.escape(second.1, into: &html)
    html += "</td></tr>\n"
  }

  /// A4 with the documents' margins; the table fills the 版心's width in 4号 仿宋, the step rows
  /// tall enough for a hand-written opinion; the whole kept to one page.
  public static let stylesheet = """
    @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
    .gw-page { margin: 0; padding: 1px 0; background: #e4e4e4; }
    .gw-form {
      box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 10mm auto; padding: 37mm 26mm 35mm 28mm;
      background: #fff; color: #000; box-shadow: 0 0.5mm 1.5mm rgba(0, 0, 0, 0.2);
      font-family: "FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", serif;
      font-size: 14pt; line-height: 1.4; overflow-wrap: anywhere;
      -webkit-print-color-adjust: exact; print-color-adjust: exact;
    }
    .gw-form p { margin: 0; }
    .gw-form-title {
      margin: 0 0 8mm; color: #ff0000; text-align: center; font-size: 22pt; font-weight: normal; letter-spacing: 0.1em;
      font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", serif;
    }
    .gw-form-table { width: 100%; border-collapse: collapse; table-layout: fixed; break-inside: avoid; }
    .gw-form-table .gw-form-label { width: 18%; }
    .gw-form-table th, .gw-form-table td { border: 0.5pt solid #000; padding: 1.5mm 2.5mm; vertical-align: top; text-align: left; }
    .gw-form-table th {
      text-align: center; vertical-align: middle; font-weight: normal; letter-spacing: 0.2em;
      font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif;
    }
    .gw-form-step td { height: 22mm; }
    .gw-form-signed + .gw-form-signed { margin-top: 2mm; padding-top: 2mm; border-top: 0.25pt dashed #000; }
    .gw-form-signer { display: flex; justify-content: flex-end; gap: 2em; }
    @media print {
      .gw-page { padding: 0; background: none; }
      .gw-form { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
    }

    """
}
