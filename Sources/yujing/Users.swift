import ArgumentParser
import Foundation
import YujingCore
import YujingServer

/// `yujing users add|passwd|list` (docs/operate.md#commands, docs/operate.md#who-may-do-what):
/// accounts of the web UI and the API. Passwords come on standard input only, never as an argument
/// that `ps` or the shell history keeps.
struct Users: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Accounts of the web UI and the API: add, passwd, list.", subcommands: [Add.self, Passwd.self, List.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Add an account (password read from standard input).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The user name.") var name: String
    @Option(help: "admin, reviewer, signer or department.") var role: String
    @Option(help: "For a department: the addressee it speaks for, as configured.") var addressee: String?
    @Option(help: "For a signer (签发人): the leader it signs for, by name as the configuration's leaders give it.")
    var leader: String?
    @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input (required).")
    var passwordFromStandardInput = false

    func run() throws {
      let workspace = try global.openWorkspace()
      guard let role = Role(rawValue: role) else {
        throw CommandFailure("--role '\(role)' is not one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      let leaders = workspace.configuration.leaders
      if let leader, leaders.postAndName(leader) == nil {
        throw CommandFailure(
          "--leader '\(leader)' is not a leader of the configuration's leaders: one of "
            + leaders.signingNames.joined(separator: ", "))
      }
      if let addressee, !workspace.configuration.addressees.contains(addressee) {
        throw CommandFailure(
          "--addressee '\(addressee)' is not an addressee of the configuration (e.g. \(workspace.configuration.addressees.prefix(3).joined(separator: ", ")))"
        )
      }
      let password = try Users.readPassword(passwordFromStandardInput)
      do {
        try workspace.store.addAccount(
          name: name, role: role, addressee: addressee, leader: leader, passwordHash: Passwords.hash(password),
          actor: Actor.current, at: Date())
      } catch let error as AccountError {
        throw CommandFailure(error.description)
      }
      print("added \(role.rawValue) \(name)" + ((addressee ?? leader).map { " for \($0)" } ?? ""))
    }
  }

  struct Passwd: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Set an account's password (read from standard input); its sessions end.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The user name.") var name: String
    @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input (required).")
    var passwordFromStandardInput = false

    func run() throws {
      let workspace = try global.openWorkspace()
      let password = try Users.readPassword(passwordFromStandardInput)
      do {
        try workspace.store.setPassword(
          name: name, passwordHash: Passwords.hash(password), actor: Actor.current, at: Date())
      } catch let error as AccountError {
        throw CommandFailure(error.description)
      }
      print("password of \(name) changed; its sessions have ended")
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the accounts (never their passwords).")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Output: text or json.") var format: OutputFormat = .text

    func run() throws {
      let accounts = try global.openWorkspace().store.accounts()
      switch format {
      case .json:
        let items = accounts.map { account in
          "{\"name\": \(FindingsJSON.string(account.name)), \"role\": \"\(account.role.rawValue)\", \"addressee\": \(NoticeJSON.optional(account.addressee))}"
        }
        print("[" + items.joined(separator: ",\n ") + "]")
      case .text:
        if accounts.isEmpty { print("no accounts yet: yujing users add NAME --role reviewer --password-stdin") }
        for account in accounts {
          print("\(account.name)\t\(account.role.rawValue)\t\(account.addressee ?? account.leader ?? "")")
        }
      }
    }
  }

  static func readPassword(_ fromStandardInput: Bool) throws -> String {
    guard fromStandardInput else {
      throw CommandFailure("give the password on standard input with --password-stdin (never as an argument)")
    }
    let data = FileHandle.standardInput.readDataToEndOfFile()
    var password = String(decoding: data, as: UTF8.self)
    if password.hasSuffix("\n") { password.removeLast() }
    if password.hasSuffix("\r") { password.removeLast() }
    if let weakness = Passwords.weakness(password) { throw CommandFailure(weakness) }
    return password
  }
}
