import Foundation

/// Where a feed's bytes come from: a file path, `-` for standard input, or a URL
/// (`file://`, and `http(s)://` pulled by the daemon's fetcher).
public enum FeedSource {
  public static func isSupported(_ url: String) -> Bool {
    guard let scheme = URL(string: url)?.scheme?.lowercased() else { return false }
    return ["http", "https", "file"].contains(scheme)
  }

  /// The largest file a feed may be: a national-scale monthly file is a few hundred megabytes.
  public static let maximumSize = 1 << 30

  /// Reads a local source: a path, `-` (standard input) or a `file://` URL.
  public static func readLocal(_ source: String) throws(FeedReadError) -> Data {
    if source == "-" {
      return FileHandle.standardInput.readDataToEndOfFile()
    }
    var path = source
    if source.hasPrefix("file://") {
      guard let url = URL(string: source), url.isFileURL else { throw FeedReadError("'\(source)' is not a file URL") }
      path = url.path
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw FeedReadError("\(path): no such file")
    }
    guard !isDirectory.boolValue else { throw FeedReadError("\(path) is a directory, not a file") }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    guard size <= maximumSize else {
      throw FeedReadError("\(path) is \(size / 1_048_576) MB, over the limit of \(maximumSize / 1_048_576) MB")
    }
    guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe) else {
      throw FeedReadError("\(path): cannot be read (permissions?)")
    }
    return data
  }
}
