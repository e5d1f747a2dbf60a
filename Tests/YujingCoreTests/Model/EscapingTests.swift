import Testing

@testable import YujingCore

/// Each output language's escaper against a table of texts, hostile ones among them: what goes in
/// and exactly what comes out.
@Suite struct EscapingTests {
  static let html: [(String, String)] = [
    ("规模以上工业增加值", "规模以上工业增加值"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("\" onmouseover=\"alert(1)\" x='y' & z", "&quot; onmouseover=&quot;alert(1)&quot; x=&#39;y&#39; &amp; z"),
    ("&amp; already", "&amp;amp; already"),
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ("line\nbreak", "line\nbreak"),
    ("", ""),
  ]

  @Test(arguments: html) func htmlEscapesTheFiveCharactersThatOpenMarkupOrLeaveAnAttribute(
    text: String, expected: String
  ) {
    #expect(HTMLText.escaped(text) == expected)
    var appended = "<p>"
    HTMLText.escape(text, into: &appended)
    #expect(appended == "<p>" + expected)
  }

  @Test func htmlLineBreaksBecomeBreaksOnlyWhenAsked() {
    var html = ""
    HTMLText.escape("一\n二\r\n三\r<四>", into: &html, lineBreaks: true)
    #expect(html == "一<br>二<br>三<br>&lt;四&gt;")
  }

  static let xml: [(text: String, content: String, attribute: String)] = [
    ("丰城市", "丰城市", "丰城市"),
    ("<w:t>&</w:t>", "&lt;w:t&gt;&amp;&lt;/w:t&gt;", "&lt;w:t&gt;&amp;&lt;/w:t&gt;"),
    ("a\"b'c", "a\"b'c", "a&quot;b'c"),
    ("]]>", "]]&gt;", "]]&gt;"),
    ("tab\tline\nreturn\r", "tab\tline\nreturn&#13;", "tab&#9;line&#10;return&#13;"),
    // Controls XML 1.0 cannot carry at all, not even as references, are dropped.
    ("bell\u{7}null\u{0}\u{FFFE}end", "bellnullend", "bellnullend"),
    ("😀", "😀", "😀"),
  ]

  @Test(arguments: xml) func xmlEscapesMarkupAndDropsWhatXMLCannotHold(
    text: String, content: String, attribute: String
  ) {
    #expect(XMLText.text(text) == content)
    #expect(XMLText.attribute(text) == attribute)
    #expect(XMLText.allowed(text).unicodeScalars.allSatisfy(XMLText.isAllowed))
  }

  static let markdown: [(text: String, atLineStart: Bool, expected: String)] = [
    ("宜春市", true, "宜春市"),
    ("*强调* _下划线_ `代码`", false, "\\*强调\\* \\_下划线\\_ \\`代码\\`"),
    ("[链接](http://evil.example) <b>", false, "\\[链接\\](http://evil.example) \\<b>"),
    ("| 表 | 格 |", false, "\\| 表 \\| 格 \\|"),
    ("# 标题", true, "\\# 标题"),
    ("- 列表", true, "\\- 列表"),
    ("- 列表", false, "- 列表"),
    ("1. 编号", true, "1\\. 编号"),
    ("    缩进", true, "缩进"),
    ("> 引用", true, "\\> 引用"),
    ("a\\b & ~c~", false, "a\\\\b \\& \\~c\\~"),
    ("两\r\n行", false, "两 行"),
  ]

  @Test(arguments: markdown) func markdownRendersTheTextAsItselfOnOneLine(
    text: String, atLineStart: Bool, expected: String
  ) {
    #expect(MarkdownText.escaped(text, atLineStart: atLineStart) == expected)
  }

  static let prometheus: [(String, String)] = [
    ("stats", "stats"),
    ("市统计局", "市统计局"),
    ("a\"b", "a\\\"b"),
    ("back\\slash", "back\\\\slash"),
    ("two\nlines", "two\\nlines"),
    ("\"} injected_metric 1\n", "\\\"} injected_metric 1\\n"),
  ]

  @Test(arguments: prometheus) func aPrometheusLabelValueCannotCloseItsQuotesOrItsLine(text: String, expected: String) {
    #expect(PrometheusLabel.value(text) == expected)
  }
}
