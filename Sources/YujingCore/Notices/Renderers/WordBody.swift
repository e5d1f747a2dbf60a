import Foundation

/// The body of `word/document.xml` as it is written, with the images it refers to.
struct WordBody {
  struct Image {
    var relationshipID: String
    var path: String
    var contentType: String
    var bytes: Data
  }

  private(set) var xml = ""
  private(set) var images: [Image] = []
  /// `wp:docPr` ids must differ across the document.
  private var drawings = 0
  private var placeholder: String?

  mutating func append(_ properties: ParagraphProperties, runs: [String]) {
    xml += WordParagraph.xml(properties, runs: runs)
  }

  mutating func append(style: String, _ text: String, _ properties: RunProperties = RunProperties()) {
    xml += WordParagraph.xml(style: style, text, properties)
  }

  /// Raw block-level XML: a table.
  mutating func append(xml block: String) { xml += block }

  /// Adds a media part and returns the relationship that refers to it.
  mutating func addImage(_ bytes: Data, fileExtension: String, contentType: String) -> String {
    let number = images.count + 1
    let id = "rIdImage\(number)"
    images.append(
      Image(relationshipID: id, path: "media/image\(number).\(fileExtension)", contentType: contentType, bytes: bytes))
    return id
  }

  /// One grey PNG serves every figure as the fallback of its SVG.
  mutating func placeholderImage() -> String {
    if let placeholder { return placeholder }
    let id = addImage(PlaceholderPNG.grey, fileExtension: "png", contentType: "image/png")
    placeholder = id
    return id
  }

  mutating func nextDrawingID() -> Int {
    drawings += 1
    return drawings
  }
}
