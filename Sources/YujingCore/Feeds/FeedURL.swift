import Foundation

/// A feed URL as it may be shown and stored: run records, logs and messages are read by more
/// people than the configuration, so a password in the user part or a token in the query must
/// not reach them.
enum FeedURL {
  /// Query parameters whose values are secrets by their name (…token, api_key, sign …).
  static let secretWords = ["token", "key", "secret", "password", "passwd", "pwd", "sign", "auth", "credential"]

  static func masked(_ text: String) -> String {
    guard var components = URLComponents(string: text) else { return text }
    if components.user != nil || components.password != nil {
      components.user = "***"
      components.password = nil
    }
    if let items = components.queryItems {
      components.queryItems = items.map { item in
        let name = item.name.lowercased()
        guard item.value != nil, secretWords.contains(where: { name.contains($0) }) else { return item }
        return URLQueryItem(name: item.name, value: "***")
      }
    }
    // Keep the asterisks readable instead of percent-encoded.
    return (components.string ?? text).replacingOccurrences(of: "%2A%2A%2A", with: "***")
  }
}
