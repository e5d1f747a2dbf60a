/// A DrawingML theme (ECMA-376 part 1, §20.1.6). The documents set their fonts and colours
/// themselves; the theme is there because Word and Excel count on finding one, and validators
/// flag a main part without it.
enum OfficeTheme {
  static let contentType = "application/vnd.openxmlformats-officedocument.theme+xml"
  static let relationshipType = "\(Relationships.officeDocument)/theme"

  /// `headings` and `body` are the Simplified Chinese fonts of the major and minor font schemes.
  static func xml(headings: String, body: String) -> String {
    let colours = [
      ("dk2", "44546A"), ("lt2", "E7E6E6"), ("accent1", "4472C4"), ("accent2", "ED7D31"), ("accent3", "A5A5A5"),
      ("accent4", "FFC000"), ("accent5", "5B9BD5"), ("accent6", "70AD47"), ("hlink", "0563C1"),
      ("folHlink", "954F72"),
    ]
    let fill = #"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#
    func fonts(_ chinese: String) -> String {
      #"<a:latin typeface="Times New Roman"/><a:ea typeface=""/><a:cs typeface=""/>"#
        + #"<a:font script="Hans" typeface="\#(XMLText.attribute(chinese))"/>"#
    }
    var xml =
      XMLText.declaration
      + #"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="yujing"><a:themeElements>"#
      + #"<a:clrScheme name="yujing"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>"#
      + #"<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>"#
    for (name, rgb) in colours { xml += #"<a:\#(name)><a:srgbClr val="\#(rgb)"/></a:\#(name)>"# }
    xml += #"</a:clrScheme><a:fontScheme name="yujing">"#
    xml += "<a:majorFont>\(fonts(headings))</a:majorFont><a:minorFont>\(fonts(body))</a:minorFont></a:fontScheme>"
    // The schema asks for at least three styles in each list.
    xml += #"<a:fmtScheme name="yujing"><a:fillStyleLst>"# + String(repeating: fill, count: 3) + "</a:fillStyleLst>"
    xml += "<a:lnStyleLst>" + String(repeating: #"<a:ln w="6350">\#(fill)</a:ln>"#, count: 3) + "</a:lnStyleLst>"
    xml += "<a:effectStyleLst>" + String(repeating: "<a:effectStyle><a:effectLst/></a:effectStyle>", count: 3)
    xml += "</a:effectStyleLst><a:bgFillStyleLst>" + String(repeating: fill, count: 3) + "</a:bgFillStyleLst>"
    return xml + "</a:fmtScheme></a:themeElements></a:theme>"
  }
}
