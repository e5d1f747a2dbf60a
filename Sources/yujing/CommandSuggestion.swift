import ArgumentParser
import YujingCore

/// "did you mean 'notices'?" for a command word that is not one: swift-argument-parser reads an
/// unknown subcommand as a stray argument and then complains about the first option after it
/// (`yujing notice list --db x` says "Unknown option '--db'"), which points away from the typo.
enum CommandSuggestion {
  /// The message for the first command word of `arguments` (after the binary's name) that is
  /// close to a subcommand of its parent but not one; nil when every word is a command or none
  /// is close to one (argument-parser's own message then stands).
  static func message(for arguments: [String], root: any ParsableCommand.Type) -> String? {
    var command = root
    var path = [root._commandName]
    for word in arguments {
      let subcommands = command.configuration.subcommands
      guard !subcommands.isEmpty, !word.hasPrefix("-"), word != "help" else { return nil }
      // `_commandName` is the name argument-parser itself matches a subcommand by.
      if let next = subcommands.first(where: { $0._commandName == word || $0.configuration.aliases.contains(word) }) {
        command = next
        path.append(word)
        continue
      }
      let names = subcommands.map { $0._commandName }
      guard let close = Suggestion.closest(to: word, among: names) else { return nil }
      let parent = path.joined(separator: " ")
      return "'\(word)' is not a command of \(parent); did you mean '\(parent) \(close)'?"
    }
    return nil
  }
}
