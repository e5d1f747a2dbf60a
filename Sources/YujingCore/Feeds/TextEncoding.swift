import Foundation

/// The character encodings a text feed may declare. Nothing is ever guessed: a file is UTF-8
/// unless its feed (or `--encoding`) says GB18030, which is what Excel and WPS on a Chinese
/// Windows write when a sheet is saved as "CSV (comma delimited)".
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
  case utf8 = "utf-8"
  case gb18030

  /// The names a configuration or a command line may use: GBK is a subset of GB18030, so a GBK
  /// file reads the same either way.
  public init?(name: String) {
    switch name.lowercased() {
    case "utf-8", "utf8": self = .utf8
    case "gb18030", "gbk": self = .gb18030
    default: return nil
    }
  }

  public static let names = ["utf-8", "gb18030", "gbk"]

  /// The bytes as UTF-8, for the readers (which read UTF-8 only).
  static func utf8Data(_ data: Data, declared: TextEncoding) throws(FeedReadError) -> Data {
    switch declared {
    case .utf8: return data
    case .gb18030: return try GB18030.decode(data)
    }
  }
}
