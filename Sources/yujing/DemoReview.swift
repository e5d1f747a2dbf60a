import Foundation
import YujingCore

/// The end of `yujing demo`: the drafts the sample office left, and how to review them from the
/// shell (this very binary, with the demo's configuration) and in the browser.
struct DemoReview {
  let office: SampleOffice
  let configurationPath: String

  /// The running binary's own path, so that the commands printed work from any directory, before
  /// `yujing` is installed anywhere.
  static var binary: String {
    if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      return executable
    }
    let invoked = CommandLine.arguments.first ?? "yujing"
    guard invoked.contains("/") else { return Bundle.main.executablePath ?? invoked }
    return URL(fileURLWithPath: invoked).standardizedFileURL.path
  }

  /// A command on the demo's database, as typed: `BINARY notices list --config DIR/yujing.yaml`.
  func command(_ words: String) -> String {
    "\(Self.binary) \(words) --config \(configurationPath)"
  }

  func print(logins: [DemoServe.Login], serving: Bool) throws {
    let workspace = office.workspace
    let waiting = try workspace.store.notices(state: .draft)
    Swift.print("")
    Swift.print("waiting for your review: \(waiting.count) draft(s) about November and December")
    for notice in waiting {
      let subjects = notice.subjects.map { subject in
        subject.subject.notation + (subject.stage.map { " \($0.rawValue)" } ?? "")
      }.joined(separator: ", ")
      Swift.print(
        "  \(notice.id)  \(notice.kind.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)) \(notice.addressee)  [\(subjects)]"
      )
    }
    let calendar = office.thresholds.calendar
    // The office's next working day after the replayed year: the 成文日期 the commands below give.
    let today = calendar.adding(workingDays: 1, to: try SampleOffice.lastDay() ?? Day(year: 2021, month: 2, day: 1)!)
    Swift.print("")
    Swift.print("review them from the shell (the replayed year has ended: date them \(today), its next working day):")
    Swift.print("  \(command("notices list")) --state draft")
    Swift.print("  \(command("notices show")) ID")
    if let reminder = waiting.first(where: { $0.kind == .reminder }) {
      Swift.print("  \(command("notices approve")) \(reminder.id) --as reviewer --date \(today)")
    }
    if let talk = waiting.first(where: { $0.kind == .talk }) {
      // A talk is checked with its time and place (the sample's leaders' free slot a week on),
      // then signed by the signer, who may also send it back.
      let slot = try office.talkSlot(calendar.adding(workingDays: 5, to: today), holder: talk.holder)
      Swift.print(
        "  \(command("notices approve")) \(talk.id) --as reviewer --talk-at \"\(slot.time)\" --place \(slot.place)")
      Swift.print("  \(command("notices approve")) \(talk.id) --as signer --date \(today) --opinion 同意")
      Swift.print("  \(command("notices return")) \(talk.id) --as signer --reason \"…\"")
    }
    if let lift = waiting.first(where: { $0.kind == .lift }) {
      Swift.print("  \(command("notices approve")) \(lift.id) --as reviewer --date \(today)")
    }
    Swift.print("  \(command("notices reject")) ID --reason \"…\"")
    Swift.print("  \(command("report")) --period 2020-12 --format md --out summary-2020-12.md")
    Swift.print("")
    guard !serving else {
      // The address and the accounts follow once the server listens.
      Swift.print("or in the browser, at the address below:")
      return
    }
    let directory = URL(fileURLWithPath: workspace.store.path).deletingLastPathComponent().path
    Swift.print("or in the browser: \(Self.binary) demo --dir \(directory)")
    Swift.print(
      "serves this database's review UI again at http://127.0.0.1:8080/ (--listen to change it), giving these")
    Swift.print("accounts new passwords; until then they sign in to any server on this database as")
    for login in logins { Swift.print("  \(login.name) / \(login.password) — \(login.what)") }
  }
}
