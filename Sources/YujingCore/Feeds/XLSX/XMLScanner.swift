/// A pull scanner for the XML parts of an XLSX package, working on UTF-8 bytes.
///
/// It reads the XML that spreadsheet writers produce and nothing more: elements, attributes, text,
/// CDATA, comments, processing instructions and the five predefined entities plus character
/// references. It refuses any `<!DOCTYPE>`, so no entity can be declared and none expanded, and it
/// checks that tags nest and close, so a truncated or damaged part is reported with its line and
/// column instead of read as something else. Namespaces are not resolved: callers match local
/// names, because writers are free to pick any prefix (`<x:c>` is as valid as `<c>`).
///
/// Nothing here recurses, and every loop advances through the input, so hostile input costs time
/// in proportion to its size and memory bounded by the size plus `maximumDepth`.
struct XMLScanner {
  enum Token: Equatable {
    case startElement
    case endElement
    case text
    case endOfDocument
  }

  private struct Attribute {
    var localName: Range<Int>
    var prefix: Range<Int>
    var value: Range<Int>
    var needsDecoding: Bool
  }

  /// Deep enough for any spreadsheet part (they nest a dozen levels), shallow enough that a
  /// hostile part cannot make the open-element stack large.
  static let maximumDepth = 256

  let part: String
  private let bytes: [UInt8]
  /// 3 after a UTF-8 byte order mark, which an editor does not show as a column.
  private let contentStart: Int
  private var index = 0
  private var tokenStart = 0
  private var nameRange = 0..<0
  private var localNameRange = 0..<0
  private var textRange = 0..<0
  private var textIsCDATA = false
  private var textNeedsDecoding = false
  private var attributes: [Attribute] = []
  private var openElements: [Range<Int>] = []
  private var closeSelfClosedElement = false
  private var sawRootElement = false

  init(bytes: [UInt8], part: String) {
    self.part = part
    self.bytes = bytes
    contentStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    index = contentStart
  }

  /// Elements open around the current position; after `.startElement` it counts that element.
  var depth: Int { openElements.count }

  /// Where the current token starts, kept by callers that report an error about an element
  /// only after reading past its start.
  var tokenOffset: Int { tokenStart }

  // MARK: - Tokens

  mutating func next() throws(XLSXError) -> Token {
    if closeSelfClosedElement {
      closeSelfClosedElement = false
      openElements.removeLast()
      return .endElement
    }
    while true {
      tokenStart = index
      guard index < bytes.count else { return try endOfDocument() }
      if bytes[index] != UInt8(ascii: "<") {
        if let token = try scanCharacterData() { return token }
        continue
      }
      guard index + 1 < bytes.count else { throw malformed("the part ends inside a tag") }
      switch bytes[index + 1] {
      case UInt8(ascii: "/"):
        return try scanEndTag()
      case UInt8(ascii: "?"):
        try scanProcessingInstruction()
      case UInt8(ascii: "!"):
        if let token = try scanDeclarationOrCDATA() { return token }
      default:
        return try scanStartTag()
      }
    }
  }

  private mutating func endOfDocument() throws(XLSXError) -> Token {
    if let open = openElements.last {
      throw malformed("the part ends before <\(string(open))> is closed (the file is truncated)")
    }
    guard sawRootElement else { throw malformed("the part has no XML element at all") }
    return .endOfDocument
  }

  private mutating func scanCharacterData() throws(XLSXError) -> Token? {
    let start = index
    var needsDecoding = false
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "<") { break }
      if byte == UInt8(ascii: "&") || byte == 0x0D { needsDecoding = true }
      index += 1
    }
    if openElements.isEmpty {
      if let text = bytes[start..<index].firstIndex(where: { !Self.isWhitespace($0) }) {
        throw malformed("text outside the root element", at: text)
      }
      return nil
    }
    textRange = start..<index
    textIsCDATA = false
    textNeedsDecoding = needsDecoding
    return .text
  }

  private mutating func scanStartTag() throws(XLSXError) -> Token {
    index += 1
    try scanName()
    if openElements.isEmpty && sawRootElement {
      throw malformed("a second root element <\(string(nameRange))> after the first one closed", at: tokenStart)
    }
    attributes.removeAll(keepingCapacity: true)
    while true {
      let hadSpace = skipWhitespace()
      guard index < bytes.count else { throw malformed("the part ends inside the tag <\(string(nameRange))>") }
      let byte = bytes[index]
      if byte == UInt8(ascii: ">") {
        index += 1
        break
      }
      if byte == UInt8(ascii: "/") {
        guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") else {
          throw malformed("expected '>' after '/' in the tag <\(string(nameRange))>")
        }
        index += 2
        closeSelfClosedElement = true
        break
      }
      guard hadSpace else { throw malformed("expected a space before the next attribute") }
      try scanAttribute()
    }
    guard openElements.count < Self.maximumDepth else {
      throw malformed("elements are nested more than \(Self.maximumDepth) deep")
    }
    sawRootElement = true
    openElements.append(nameRange)
    return .startElement
  }

  private mutating func scanAttribute() throws(XLSXError) {
    let elementName = nameRange
    let elementLocalName = localNameRange
    try scanName()
    let attributeName = nameRange
    let attributeLocalName = localNameRange
    nameRange = elementName
    localNameRange = elementLocalName
    skipWhitespace()
    guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
      throw malformed("expected '=' after the attribute \(string(attributeName))")
    }
    index += 1
    skipWhitespace()
    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
      throw malformed("expected a quoted value for the attribute \(string(attributeName))")
    }
    let quote = bytes[index]
    index += 1
    let start = index
    var needsDecoding = false
    while index < bytes.count && bytes[index] != quote {
      switch bytes[index] {
      case UInt8(ascii: "<"):
        throw malformed("'<' inside the value of the attribute \(string(attributeName))")
      case UInt8(ascii: "&"), 0x09, 0x0A, 0x0D:
        needsDecoding = true
      default:
        break
      }
      index += 1
    }
    guard index < bytes.count else { throw malformed("the value of the attribute \(string(attributeName)) never ends") }
    let prefixEnd =
      attributeLocalName.lowerBound == attributeName.lowerBound
      ? attributeName.lowerBound : attributeLocalName.lowerBound - 1
    attributes.append(
      Attribute(
        localName: attributeLocalName, prefix: attributeName.lowerBound..<prefixEnd, value: start..<index,
        needsDecoding: needsDecoding))
    index += 1
  }

  private mutating func scanEndTag() throws(XLSXError) -> Token {
    index += 2
    try scanName()
    skipWhitespace()
    guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else {
      throw malformed("expected '>' to end the tag </\(string(nameRange))>")
    }
    index += 1
    guard let open = openElements.last else {
      throw malformed("</\(string(nameRange))> closes an element that was never opened", at: tokenStart)
    }
    guard bytes[open] == bytes[nameRange] else {
      throw malformed("</\(string(nameRange))> where </\(string(open))> was expected", at: tokenStart)
    }
    openElements.removeLast()
    return .endElement
  }

  private mutating func scanProcessingInstruction() throws(XLSXError) {
    guard let end = find([UInt8(ascii: "?"), UInt8(ascii: ">")], from: index + 2) else {
      throw malformed("a processing instruction (<?…) that never ends", at: tokenStart)
    }
    let body = (index + 2)..<end
    index = end + 2
    if bytes[body].starts(with: Array("xml".utf8)),
      body.count == 3 || Self.isWhitespace(bytes[body.lowerBound + 3])
    {
      try checkDeclaredEncoding(bytes[body])
    }
  }

  /// Only the encodings that the bytes are already in are accepted: a part declared as, say,
  /// GB2312 would otherwise be read as garbled text without anyone noticing.
  private func checkDeclaredEncoding(_ declaration: ArraySlice<UInt8>) throws(XLSXError) {
    guard let key = find(Array("encoding".utf8), in: declaration) else { return }
    var cursor = key + 8
    while cursor < declaration.endIndex, Self.isWhitespace(declaration[cursor]) || declaration[cursor] == 0x3D {
      cursor += 1
    }
    guard cursor < declaration.endIndex else { return }
    let quote = declaration[cursor]
    let valueStart = cursor + 1
    var valueEnd = valueStart
    while valueEnd < declaration.endIndex, declaration[valueEnd] != quote { valueEnd += 1 }
    let encoding = String(decoding: declaration[valueStart..<valueEnd], as: UTF8.self).lowercased()
    guard ["utf-8", "utf8", "us-ascii", "ascii", "utf-16", "utf-16le", "utf-16be"].contains(encoding) else {
      throw XLSXError(
        part: part, position: position(of: tokenStart),
        message:
          "the part is encoded as \(XLSXError.quoted(encoding)), not UTF-8; re-save the file as .xlsx from Excel or WPS"
      )
    }
  }

  private mutating func scanDeclarationOrCDATA() throws(XLSXError) -> Token? {
    let rest = bytes[index...]
    if rest.starts(with: Array("<!--".utf8)) {
      guard let end = find(Array("-->".utf8), from: index + 4) else {
        throw malformed("a comment that never ends", at: tokenStart)
      }
      index = end + 3
      return nil
    }
    if rest.starts(with: Array("<![CDATA[".utf8)) {
      guard !openElements.isEmpty else { throw malformed("CDATA outside the root element", at: tokenStart) }
      guard let end = find(Array("]]>".utf8), from: index + 9) else {
        throw malformed("a CDATA section that never ends", at: tokenStart)
      }
      textRange = (index + 9)..<end
      textIsCDATA = true
      textNeedsDecoding = bytes[textRange].contains(0x0D)
      index = end + 3
      return .text
    }
    if rest.starts(with: Array("<!DOCTYPE".utf8)) {
      throw XLSXError(
        part: part, position: position(of: index),
        message:
          "the part declares a DTD (<!DOCTYPE>), which Excel never writes and which could expand entities; refusing it — re-save the file as .xlsx from Excel or WPS"
      )
    }
    throw malformed("an unknown declaration starting with '<!'", at: tokenStart)
  }

  private mutating func scanName() throws(XLSXError) {
    let start = index
    guard index < bytes.count, Self.isNameStart(bytes[index]) else {
      throw malformed("expected an element or attribute name")
    }
    var localStart = index
    index += 1
    while index < bytes.count, Self.isNameStart(bytes[index]) || Self.isNameContinuation(bytes[index]) {
      if bytes[index] == UInt8(ascii: ":") { localStart = index + 1 }
      index += 1
    }
    guard localStart < index else { throw malformed("the name \(string(start..<index)) has no local part") }
    nameRange = start..<index
    localNameRange = localStart..<index
  }

  @discardableResult
  private mutating func skipWhitespace() -> Bool {
    let start = index
    while index < bytes.count, Self.isWhitespace(bytes[index]) { index += 1 }
    return index > start
  }

  // MARK: - The current token

  /// Whether the element just started or ended has this local name (prefix ignored).
  func isElement(_ name: StaticString) -> Bool { Self.equal(bytes[localNameRange], name) }

  /// The value of an attribute of the element just started, entities decoded.
  ///
  /// `prefixed` picks `r:id` (any prefix but `xmlns`) rather than a plain `id`: the same local
  /// name means different things with and without a namespace.
  func attribute(_ name: StaticString, prefixed: Bool = false) -> String? {
    attributeBytes(name, prefixed: prefixed).map { String(decoding: $0, as: UTF8.self) }
  }

  /// Like `attribute(_:prefixed:)` but without making a `String`, for the attributes read on
  /// every cell.
  func attributeBytes(_ name: StaticString, prefixed: Bool = false) -> ArraySlice<UInt8>? {
    for attribute in attributes where Self.equal(bytes[attribute.localName], name) {
      if prefixed != !attribute.prefix.isEmpty { continue }
      if prefixed && Self.equal(bytes[attribute.prefix], "xmlns") { continue }
      guard attribute.needsDecoding else { return bytes[attribute.value] }
      var decoded: [UInt8] = []
      // Attribute values were checked for '<' only; a bad reference decodes as itself here, since
      // an attribute nobody reads should not make the part unreadable.
      if (try? decode(attribute.value, isAttribute: true, into: &decoded)) == nil {
        return bytes[attribute.value]
      }
      return decoded[...]
    }
    return nil
  }

  /// Appends the text of a `.text` token, entities decoded and line ends normalised.
  func appendText(to output: inout [UInt8]) throws(XLSXError) {
    if textIsCDATA && !textNeedsDecoding {
      output.append(contentsOf: bytes[textRange])
    } else if textIsCDATA {
      appendNormalisingLineEnds(textRange, to: &output)
    } else if textNeedsDecoding {
      try decode(textRange, isAttribute: false, into: &output)
    } else {
      output.append(contentsOf: bytes[textRange])
    }
  }

  /// Consumes the element just started, up to its end tag, appending the text inside it.
  mutating func appendTextContent(to output: inout [UInt8]) throws(XLSXError) {
    let elementDepth = depth
    while true {
      switch try next() {
      case .text: try appendText(to: &output)
      case .endElement where depth < elementDepth: return
      case .endOfDocument: return
      default: break
      }
    }
  }

  /// Consumes the element just started, up to its end tag.
  mutating func skipElement() throws(XLSXError) {
    let elementDepth = depth
    while true {
      switch try next() {
      case .endElement where depth < elementDepth: return
      case .endOfDocument: return
      default: break
      }
    }
  }

  /// An error located where the current token starts, or at `offset`.
  func error(_ message: String, cell: String? = nil, at offset: Int? = nil) -> XLSXError {
    XLSXError(part: part, cell: cell, position: position(of: offset ?? tokenStart), message: message)
  }

  // MARK: - Decoding

  private func decode(_ range: Range<Int>, isAttribute: Bool, into output: inout [UInt8]) throws(XLSXError) {
    var cursor = range.lowerBound
    while cursor < range.upperBound {
      let byte = bytes[cursor]
      switch byte {
      case UInt8(ascii: "&"):
        guard let end = bytes[cursor..<min(range.upperBound, cursor + 12)].firstIndex(of: UInt8(ascii: ";")) else {
          throw malformed("'&' that does not start an entity such as &amp;", at: cursor)
        }
        try appendReference((cursor + 1)..<end, to: &output)
        cursor = end + 1
        continue
      case 0x0D:
        output.append(isAttribute ? 0x20 : 0x0A)
        if cursor + 1 < range.upperBound && bytes[cursor + 1] == 0x0A { cursor += 1 }
      case 0x09, 0x0A:
        output.append(isAttribute ? 0x20 : byte)
      default:
        output.append(byte)
      }
      cursor += 1
    }
  }

  private func appendReference(_ name: Range<Int>, to output: inout [UInt8]) throws(XLSXError) {
    let reference = bytes[name]
    switch true {
    case Self.equal(reference, "lt"): output.append(UInt8(ascii: "<"))
    case Self.equal(reference, "gt"): output.append(UInt8(ascii: ">"))
    case Self.equal(reference, "amp"): output.append(UInt8(ascii: "&"))
    case Self.equal(reference, "quot"): output.append(UInt8(ascii: "\""))
    case Self.equal(reference, "apos"): output.append(UInt8(ascii: "'"))
    case reference.first == UInt8(ascii: "#"):
      guard let scalar = Self.characterReference(reference.dropFirst()) else {
        throw malformed("&\(string(name)); is not a valid character", at: name.lowerBound - 1)
      }
      UTF8.encode(scalar) { output.append($0) }
    default:
      throw malformed(
        "unknown entity &\(string(name)); (XLSX uses only &lt; &gt; &amp; &quot; &apos; and &#…;)",
        at: name.lowerBound - 1)
    }
  }

  private static func characterReference(_ digits: ArraySlice<UInt8>) -> Unicode.Scalar? {
    var digits = digits
    var radix: UInt32 = 10
    if digits.first == UInt8(ascii: "x") {
      radix = 16
      digits = digits.dropFirst()
    }
    guard !digits.isEmpty else { return nil }
    var value: UInt32 = 0
    for byte in digits {
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: return nil
      }
      value = value * radix + digit
      if value > 0x10FFFF { return nil }
    }
    guard value != 0, value != 0xFFFE, value != 0xFFFF else { return nil }
    return Unicode.Scalar(value)
  }

  private func appendNormalisingLineEnds(_ range: Range<Int>, to output: inout [UInt8]) {
    var cursor = range.lowerBound
    while cursor < range.upperBound {
      if bytes[cursor] == 0x0D {
        output.append(0x0A)
        if cursor + 1 < range.upperBound && bytes[cursor + 1] == 0x0A { cursor += 1 }
      } else {
        output.append(bytes[cursor])
      }
      cursor += 1
    }
  }

  // MARK: - Helpers

  /// By default at the byte where scanning stopped; `at` points back to where a construct that
  /// never ends, or does not match, began.
  private func malformed(_ what: String, at offset: Int? = nil) -> XLSXError {
    XLSXError(
      part: part, position: position(of: min(offset ?? index, bytes.count)),
      message: "malformed XML: \(what); the file is damaged — re-save it as .xlsx from Excel or WPS")
  }

  /// Computed only when an error is reported, so the scanner does not track lines as it goes.
  private func position(of offset: Int) -> SourcePosition {
    var line = 1
    var lineStart = contentStart
    for cursor in 0..<min(offset, bytes.count) where bytes[cursor] == 0x0A {
      line += 1
      lineStart = cursor + 1
    }
    let scalarsBefore = bytes[lineStart..<max(lineStart, min(offset, bytes.count))].reduce(0) {
      $0 + ($1 & 0xC0 == 0x80 ? 0 : 1)
    }
    return SourcePosition(line: line, column: scalarsBefore + 1)
  }

  /// A name or text quoted in a message, cut short so that one hostile name cannot make the
  /// message huge.
  private func string(_ range: Range<Int>) -> String {
    String(decoding: bytes[range.lowerBound..<min(range.upperBound, range.lowerBound + 64)], as: UTF8.self)
  }

  private func find(_ needle: [UInt8], from start: Int) -> Int? {
    find(needle, in: bytes[min(start, bytes.count)...])
  }

  private func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
    guard let first = needle.first, haystack.count >= needle.count else { return nil }
    var cursor = haystack.startIndex
    let last = haystack.endIndex - needle.count
    while cursor <= last {
      if haystack[cursor] == first && haystack[cursor..<(cursor + needle.count)].elementsEqual(needle) {
        return cursor
      }
      cursor += 1
    }
    return nil
  }

  static func equal(_ slice: ArraySlice<UInt8>, _ name: StaticString) -> Bool {
    guard slice.count == name.utf8CodeUnitCount else { return false }
    return name.withUTF8Buffer { slice.elementsEqual($0) }
  }

  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
  }

  private static func isNameStart(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"),
      UInt8(ascii: ":"), 0x80...0xFF:
      return true
    default:
      return false
    }
  }

  private static func isNameContinuation(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."): return true
    default: return false
    }
  }
}
