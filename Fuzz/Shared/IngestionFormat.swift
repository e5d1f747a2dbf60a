import Foundation

// The configuration check asks `Ingestion.format` whether a feed's URL names a format it reads.
// `Ingestion` lives beside the store (GRDB), which a fuzz target does not build; this is the same
// decision from the same parts (the feed's format, else the path's extension) without it.
enum Ingestion {
  struct UnknownFormat: Error {}

  static func format(of source: String, feed: FeedConfiguration) throws -> FeedFormat {
    if let format = feed.format { return format }
    if source == "-" { return .csv }
    let name = source.split(separator: "?").first.map(String.init) ?? source
    guard let format = FeedFormat(pathExtension: URL(fileURLWithPath: name).pathExtension) else {
      throw UnknownFormat()
    }
    return format
  }
}
