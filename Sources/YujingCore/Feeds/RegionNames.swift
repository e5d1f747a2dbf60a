/// How feeds match region names: whitespace (including the full-width space tables pad with,
/// 全　市) does not count.
public enum RegionNames {
  public static func normalize(_ name: String) -> String {
    String(name.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "\u{3000}" })
  }
}
