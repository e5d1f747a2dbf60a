import Foundation

/// A chart in a DOCX: the SVG as an image part, shown through the `svgBlip` extension that Word
/// 2016+ (and LibreOffice) read, over a plain grey PNG that older readers show instead, since
/// nothing here can rasterize SVG. The caption follows, centred.
enum WordFigure {
  /// English Metric Units per twip (914400 per inch).
  static let emuPerTwip = 635
  static let maximumHeight = PageGeometry.twips(millimetres: 150) * emuPerTwip

  static func append(svg: String, caption: String, to body: inout WordBody) {
    let (width, height) = extent(svg)
    let svgID = body.addImage(Data(svg.utf8), fileExtension: "svg", contentType: "image/svg+xml")
    let pngID = body.placeholderImage()
    let id = body.nextDrawingID()
    let name = "图表\(id)"
    let description = XMLText.attribute(caption)
    var drawing = #"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">"#
    drawing += #"<wp:extent cx="\#(width)" cy="\#(height)"/><wp:effectExtent l="0" t="0" r="0" b="0"/>"#
    drawing += #"<wp:docPr id="\#(id)" name="\#(name)" descr="\#(description)"/>"#
    drawing += #"<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>"#
    drawing += #"<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">"#
    drawing += #"<pic:pic><pic:nvPicPr><pic:cNvPr id="\#(id)" name="\#(name).svg" descr="\#(description)"/>"#
    drawing += #"<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="\#(pngID)"><a:extLst>"#
    drawing += #"<a:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}">"#
    drawing += #"<asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main""#
    drawing += #" r:embed="\#(svgID)"/></a:ext></a:extLst></a:blip><a:stretch><a:fillRect/></a:stretch>"#
    drawing += #"</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="\#(width)" cy="\#(height)"/>"#
    drawing += #"</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"#
    drawing += "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    body.append(ParagraphProperties(style: WordStyles.ID.figure), runs: [drawing])
    body.append(style: WordStyles.ID.figureCaption, DocumentWording.singleLine(caption))
  }

  /// The picture's size in EMU: the SVG's own size (96 px to the inch) or the 版心's width if that
  /// is wider, and no taller than 150 mm; the 版心's width at 16:10 when the SVG does not say.
  static func extent(_ svg: String) -> (width: Int, height: Int) {
    let maximumWidth = PageGeometry.textWidth * emuPerTwip
    guard let (naturalWidth, naturalHeight) = SVGSize.points(svg), naturalWidth > 0, naturalHeight > 0 else {
      return (maximumWidth, maximumWidth * 10 / 16)
    }
    let emuPerPoint = 12700.0
    var scale = min(1, Double(maximumWidth) / (naturalWidth * emuPerPoint))
    scale = min(scale, Double(maximumHeight) / (naturalHeight * emuPerPoint))
    return (
      Int((naturalWidth * emuPerPoint * scale).rounded()), Int((naturalHeight * emuPerPoint * scale).rounded())
    )
  }
}

/// Reads the size an SVG declares on its root element: `width` and `height` with their units, or
/// else the `viewBox` (in pixels).
enum SVGSize {
  static func points(_ svg: String) -> (Double, Double)? {
    guard let start = svg.range(of: "<svg"),
      let end = svg[start.upperBound...].firstIndex(of: ">")
    else { return nil }
    let tag = svg[start.upperBound..<end]
    let width = attribute("width", in: tag).flatMap(length)
    let height = attribute("height", in: tag).flatMap(length)
    if let width, let height { return (width, height) }
    let box = attribute("viewBox", in: tag)?.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap {
      Double($0)
    }
    guard let box, box.count == 4 else { return nil }
    // One side given with a viewBox: the other follows the box's proportions.
    let pixel = 0.75
    if let width { return (width, width * box[3] / box[2]) }
    if let height { return (height * box[2] / box[3], height) }
    return (box[2] * pixel, box[3] * pixel)
  }

  private static func attribute(_ name: String, in tag: Substring) -> String? {
    var rest = tag
    while let found = rest.range(of: name) {
      let before = found.lowerBound == rest.startIndex ? " " : rest[rest.index(before: found.lowerBound)]
      var after = rest[found.upperBound...].drop(while: \.isWhitespace)
      rest = rest[found.upperBound...]
      guard before.isWhitespace, after.first == "=" else { continue }
      after = after.dropFirst().drop(while: \.isWhitespace)
      guard let quote = after.first, quote == "\"" || quote == "'" else { continue }
      let value = after.dropFirst().prefix(while: { $0 != quote })
      return String(value)
    }
    return nil
  }

  /// A CSS length in points; nil for percentages, which say nothing of the size.
  private static func length(_ text: String) -> Double? {
    let units: [(String, Double)] = [("px", 0.75), ("pt", 1), ("mm", 72 / 25.4), ("cm", 72 / 2.54), ("in", 72)]
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    for (unit, points) in units where trimmed.hasSuffix(unit) {
      return Double(trimmed.dropLast(unit.count).trimmingCharacters(in: .whitespaces)).map { $0 * points }
    }
    return Double(trimmed).map { $0 * 0.75 }
  }
}

/// A PNG of one light grey pixel, made here rather than shipped as bytes so that it can be read.
enum PlaceholderPNG {
  static let grey: Data = image(red: 0xEE, green: 0xEE, blue: 0xEE)

  static func image(red: UInt8, green: UInt8, blue: UInt8) -> Data {
    let scanline: [UInt8] = [0, red, green, blue]  // filter 0, one RGB pixel
    // zlib around one stored (uncompressed) deflate block.
    var zlib: [UInt8] = [0x78, 0x01, 0x01]
    zlib += [UInt8(scanline.count & 0xFF), UInt8(scanline.count >> 8)]
    zlib += [UInt8(~scanline.count & 0xFF), UInt8((~scanline.count >> 8) & 0xFF)]
    zlib += scanline + bigEndian(adler32(scanline))
    var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    png += chunk("IHDR", bigEndian(1) + bigEndian(1) + [8, 2, 0, 0, 0])  // 8-bit RGB
    png += chunk("IDAT", zlib)
    png += chunk("IEND", [])
    return Data(png)
  }

  private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
    let typed = Array(type.utf8) + data
    return bigEndian(UInt32(data.count)) + typed + bigEndian(crc32(typed))
  }

  private static func bigEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
  }

  private static func adler32(_ bytes: [UInt8]) -> UInt32 {
    var a: UInt32 = 1
    var b: UInt32 = 0
    for byte in bytes {
      a = (a + UInt32(byte)) % 65521
      b = (b + a) % 65521
    }
    return b << 16 | a
  }

  private static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }
}
