import ArgumentParser
import Foundation
import YujingCore

/// Who is acting, for the notices' history and the audit log: the login behind the shell.
enum Actor {
  static var current: String {
    let environment = ProcessInfo.processInfo.environment
    return "cli:" + (environment["SUDO_USER"] ?? environment["USER"] ?? environment["LOGNAME"] ?? "unknown")
  }
}

struct Notices: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Review notices from the shell: list, show, approve, return, reject, feedback, mark-sent.",
    subcommands: [
      List.self, Show.self, Approve.self, Return.self, Reject.self, Render.self, Feedback.self, MarkSent.self,
    ])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List notices (JSON: an array sorted by id, every state).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this period, YYYY-MM.") var period: String?
    @Option(help: "Only this kind: \(NoticeKind.names).") var kind: String?
    @Option(help: "Only this state: draft, approved, sent, acknowledged, closed, rejected, superseded.") var state:
      String?
    @Option(help: "Only this addressee, as configured.") var addressee: String?
    @Option(help: "Output: text or json.") var format: OutputFormat = .text

    func run() throws {
      let workspace = try global.openWorkspace()
      let periodFilter = try period.map { text -> Period in
        guard let parsed = Period(text) else { throw CommandFailure("--period '\(text)' is not YYYY-MM") }
        return parsed
      }
      let kindFilter = try kind.map { text -> NoticeKind in
        guard let parsed = NoticeKind(rawValue: text) else {
          throw CommandFailure(
            "--kind '\(text)' is not one of \(NoticeKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return parsed
      }
      let stateFilter = try state.map { text -> NoticeRecord.State in
        guard let parsed = NoticeRecord.State(rawValue: text) else {
          throw CommandFailure(
            "--state '\(text)' is not one of \(NoticeRecord.State.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return parsed
      }
      let notices = try workspace.store.notices(
        period: periodFilter, kind: kindFilter, state: stateFilter, addressee: addressee)
      switch format {
      case .json: print(NoticeJSON.list(notices))
      case .text:
        func print(_ line: String) { TerminalText.print(line) }
        for notice in notices {
          let number = notice.number ?? "—"
          let subjects = notice.subjects.map { $0.subject.notation }.joined(separator: ", ")
          print(
            "\(notice.id)\t\(notice.state.rawValue)\t\(notice.kind.rawValue)\t\(notice.period)\t\(number)\t\(notice.addressee)\t\(subjects)"
          )
        }
        print("\(notices.count) notice(s)")
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show a notice: its text, state, history and reports.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The notice's id.") var id: Int64

    func run() throws {
      // Everything shown here may hold a feed's or a department's text.
      func print(_ line: String) { TerminalText.print(line) }
      let store = try global.openWorkspace().store
      guard let notice = try store.notice(id: id) else { throw CommandFailure("there is no notice \(id)") }
      print(
        "notice \(notice.id): \(notice.kind.rawValue), \(notice.state.rawValue)\(notice.number.map { ", \($0)" } ?? "")"
      )
      if let corrects = notice.corrects { print("corrects notice \(corrects)") }
      print(
        "addressee: \(notice.addressee)\(notice.copies.isEmpty ? "" : "; 抄送: \(notice.copies.joined(separator: "、"))")")
      print("period: \(notice.period)")
      if let date = notice.documentDate { print("成文日期: \(date.chinese)") }
      if let due = notice.reportDue { print("整改报告截止: \(due.chinese)") }
      if let holder = notice.holder { print("约谈人: \(holder)") }
      if let talkAt = notice.talkAt { print("约谈时间、地点: \(talkAt)，\(notice.place ?? "")") }
      print("")
      print(notice.title)
      print("")
      print(notice.body)
      print("")
      let steps = try store.steps(noticeID: id)
      if !steps.isEmpty {
        print("steps:")
        for step in steps {
          let what = step.decision == .passed ? step.step.chineseName : "\(step.step.chineseName)退回"
          print(
            "  \(Timestamp.string(step.at))  \(what)  \(step.account) (\(step.role.rawValue)"
              + "\(step.leader.map { ", for \($0)" } ?? ""))\(step.opinion.map { "  意见: \($0)" } ?? "")")
        }
      }
      print("history:")
      for event in try store.noticeHistory(id: id) {
        print(
          "  \(event.at)  \(event.actor)  \(event.from ?? "—") → \(event.to)\(event.note.map { "  (\($0))" } ?? "")")
      }
      let reports = try store.feedback(noticeID: id)
      if !reports.isEmpty {
        print("整改 reports:")
        for report in reports { print("  \(report.day) \(report.onTime ? "on time" : "late"): \(report.text)") }
      }
    }
  }

  struct Approve: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Take a draft's next step (核稿, 签发) as an account; the last step numbers it and fixes its 成文日期 "
        + "and the 整改 report's deadline.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The notice's id.") var id: Int64
    @Option(
      name: .customLong("as"), help: "The account that takes the step: a reviewer checks (核稿), a signer signs (签发).")
    var account: String
    @Option(help: "The step's opinion (意见), shown on the notice and its 发文稿纸.") var opinion: String?
    @Option(help: "The 成文日期, YYYY-MM-DD (default: today).") var date: String?
    @Option(name: .customLong("talk-at"), help: "For a 约谈通知书: the talk's time, \"YYYY-MM-DD HH:MM\".") var talkAt:
      String?
    @Option(help: "For a 约谈通知书: the talk's place.") var place: String?

    func run() throws {
      let workspace = try global.openWorkspace()
      let day = try date.map(ParsedDay.parse) ?? Day.today({ Date() }, in: workspace.configuration.city.timeZone)
      if let talkAt, !TalkTime.isValid(talkAt) {
        throw CommandFailure("--talk-at '\(talkAt)' is not \"YYYY-MM-DD HH:MM\"")
      }
      let thresholds = try Thresholds.load(configuration: workspace.configuration)
      let store = workspace.store
      let actor = try ChainAccount.named(account, in: store)
      guard let draft = try store.notice(id: id) else { throw CommandFailure("there is no notice \(id)") }
      let chain = workspace.configuration.chain(draft.kind)
      do {
        let notice = try store.approveStep(
          id: id, by: actor, chain: chain, opinion: opinion, documentDate: day, talkAt: talkAt, place: place,
          at: Date(), prefixes: workspace.configuration.numbering, calendar: thresholds.calendar,
          reportWorkingDays: thresholds.ladder.reportWorkingDays)
        guard notice.state == .approved else {
          let steps = try store.steps(noticeID: id)
          let taken = steps.last?.step ?? .check
          let next = chain[NoticeLifecycle.pendingStep(chain: chain, records: steps)]
          print(
            "notice \(id): \(actor.name) took its \(taken.rawValue) (\(taken.chineseName)); it waits for its "
              + "\(next.rawValue) (\(next.chineseName)) by a \(next.role.rawValue)")
          return
        }
        print("approved notice \(id): \(notice.number ?? "")，成文日期 \(day.chinese)")
        if let due = notice.reportDue { print("整改报告截止: \(due.chinese)") }
      } catch let refusal as NoticeRefusal {
        throw CommandFailure(RefusalWords.say(refusal, notice: id))
      }
    }
  }

  struct Return: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Send a draft back to the step before (退回修改), as the account whose step it waits for.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The notice's id.") var id: Int64
    @Option(name: .customLong("as"), help: "The account whose step the draft waits for.") var account: String
    @Option(help: "Why the draft goes back.") var reason: String

    func run() throws {
      let workspace = try global.openWorkspace()
      let store = workspace.store
      let actor = try ChainAccount.named(account, in: store)
      guard let draft = try store.notice(id: id) else { throw CommandFailure("there is no notice \(id)") }
      do {
        try store.returnNotice(
          id: id, by: actor, chain: workspace.configuration.chain(draft.kind), reason: reason, at: Date())
        print("returned notice \(id) to the step before")
      } catch let refusal as NoticeRefusal {
        throw CommandFailure(RefusalWords.say(refusal, notice: id))
      }
    }
  }

  struct Reject: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Reject a draft, with the reason.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The notice's id.") var id: Int64
    @Option(help: "Why the draft is rejected.") var reason: String

    func run() throws {
      do {
        try global.openWorkspace().store.rejectNotice(id: id, reason: reason, actor: Actor.current, at: Date())
        print("rejected notice \(id)")
      } catch let refusal as NoticeRefusal {
        throw CommandFailure(RefusalWords.say(refusal, notice: id))
      }
    }
  }

  struct Feedback: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Record the addressee's 整改 report for a notice.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The notice's id.") var id: Int64
    @Option(help: "The report's text.") var text: String?
    @Option(help: "A file holding the report.") var file: String?
    @Option(help: "The day it was submitted, YYYY-MM-DD (default: today).") var date: String?

    func validate() throws {
      guard text != nil || file != nil else { throw ValidationError("give the report with --text or --file") }
    }

    func run() throws {
      let workspace = try global.openWorkspace()
      var body = text ?? ""
      var data: Data?
      if let file {
        guard let contents = FileManager.default.contents(atPath: file) else {
          throw CommandFailure("cannot read \(file)")
        }
        data = contents
        if body.isEmpty { body = String(decoding: contents, as: UTF8.self) }
      }
      let day = try date.map(ParsedDay.parse) ?? Day.today({ Date() }, in: workspace.configuration.city.timeZone)
      do {
        let onTime = try workspace.store.recordFeedback(
          noticeID: id, text: body, fileName: file.map { URL(fileURLWithPath: $0).lastPathComponent }, file: data,
          actor: Actor.current, at: Date(), day: day)
        print("recorded the 整改 report for notice \(id): \(onTime ? "on time" : "late")")
      } catch let refusal as NoticeRefusal {
        throw CommandFailure(RefusalWords.say(refusal, notice: id))
      }
    }
  }

  struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Render a notice as an official document: text, md (for robots), html (A4, GB/T 9704) or docx.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The notice's id.") var id: Int64
    @Option(help: "text, md, html or docx.") var format: DocumentFormat = .text
    @Option(help: "The file to write (default: standard output, for text formats).") var out: String?
    @Flag(help: "Write the notice's 发文稿纸 (文号, 标题, 主送, 抄送; 拟稿, 核稿, 签发 with names, dates, opinions), html or docx.")
    var form = false

    func run() throws {
      if form {
        guard format == .html || format == .docx else { throw CommandFailure("the 发文稿纸 is written as html or docx") }
        if format.isBinary && out == nil { throw CommandFailure("docx is a binary format: give --out FILE") }
        let workspace = try global.openWorkspace()
        guard let notice = try workspace.store.notice(id: id),
          let processing = try workspace.store.processing(noticeID: id, configuration: workspace.configuration)
        else { throw CommandFailure("there is no notice \(id)") }
        let sheet = processing.form(for: NoticeDocument.make(notice, configuration: workspace.configuration))
        let data = format == .docx ? try ProcessingFormDOCX.render(sheet) : Data(ProcessingFormHTML.render(sheet).utf8)
        guard let out else {
          FileHandle.standardOutput.write(data)
          return
        }
        try DocumentExport.write(data, to: out)
        return
      }
      guard format != .xlsx else {
        throw CommandFailure("a notice has no tables to put in a workbook: use text, md, html or docx")
      }
      if format.isBinary && out == nil {
        throw CommandFailure("\(format.rawValue) is a binary format: give --out FILE")
      }
      let workspace = try global.openWorkspace()
      guard let notice = try workspace.store.notice(id: id) else { throw CommandFailure("there is no notice \(id)") }
      let document: OfficialDocument
      if notice.kind == .summary {
        // A summary's figures are regenerated, with the number it was issued under.
        let thresholds = try Thresholds.load(configuration: workspace.configuration)
        let today = Day.today({ Date() }, in: workspace.configuration.city.timeZone)
        document = try SummaryReport(workspace: workspace, thresholds: thresholds).document(
          period: notice.period, asOf: notice.documentDate ?? today)
      } else {
        document = NoticeDocument.make(notice, configuration: workspace.configuration)
      }
      try DocumentOutput.write(document, format: format, to: out)
    }
  }

  struct MarkSent: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "mark-sent", abstract: "Mark an approved notice as delivered by hand (print, DOCX).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The notice's id.") var id: Int64

    func run() throws {
      do {
        try global.openWorkspace().store.markNoticeSent(id: id, actor: Actor.current, at: Date())
        print("notice \(id) marked sent")
      } catch let refusal as NoticeRefusal {
        throw CommandFailure(RefusalWords.say(refusal, notice: id))
      }
    }
  }
}

enum ParsedDay {
  static func parse(_ text: String) throws -> Day {
    guard let day = Day(text) else { throw CommandFailure("'\(text)' is not a date YYYY-MM-DD") }
    return day
  }
}

/// The account named by `--as`: the shell is trusted to act as any account, but only as one that
/// exists, so that each step names a person with a role.
enum ChainAccount {
  static func named(_ name: String, in store: Store) throws -> Account {
    guard let account = try store.account(named: name) else {
      throw CommandFailure("--as '\(name)' is not an account (see yujing users list; add one with yujing users add)")
    }
    return account
  }
}
