import ArgumentParser
import Foundation
import YujingCore

struct Exemptions: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "豁免: suppress a subject's findings for a time, with a reason.",
    subcommands: [Add.self, List.self, Expire.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Add an exemption: an indicator × region (either alone matches everything on the other side), or a project.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "A region code.") var region: String?
    @Option(help: "An indicator code.") var indicator: String?
    @Option(help: "A project code.") var project: String?
    @Option(help: "The first day, YYYY-MM-DD (default: today).") var from: String?
    @Option(help: "The last day, YYYY-MM-DD: periods whose last day falls in [from, until] are covered.") var until:
      String
    @Option(help: "Why: shown beside every suppressed finding.") var reason: String

    func validate() throws {
      guard region != nil || indicator != nil || project != nil else {
        throw ValidationError("name what to exempt: --region, --indicator (or both), or --project")
      }
      guard project == nil || (region == nil && indicator == nil) else {
        throw ValidationError("an exemption is for a project, or for indicators and regions, not both")
      }
    }

    func run() throws {
      let workspace = try global.openWorkspace()
      let configuration = workspace.configuration
      if let region, configuration.region(region) == nil {
        throw CommandFailure("--region '\(region)' is not a region of the configuration")
      }
      if let indicator, configuration.indicator(indicator) == nil {
        throw CommandFailure("--indicator '\(indicator)' is not an indicator of the configuration")
      }
      let today = Day.today({ Date() }, in: configuration.city.timeZone)
      let start = try from.map(ParsedDay.parse) ?? today
      let end = try ParsedDay.parse(until)
      guard start <= end else { throw CommandFailure("--until \(end) is before --from \(start)") }
      guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw CommandFailure("give a reason") }
      let exemption = Exemption(
        region: region, indicator: indicator, project: project, reason: reason, createdBy: Actor.current, from: start,
        until: end)
      let id = try workspace.store.addExemption(exemption, at: Date())
      print("exemption \(id): \(exemption.matcher), \(start)…\(end): \(reason)")
      print("re-evaluate the periods it covers (yujing evaluate --period …) for it to take effect on cases")
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List exemptions.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let exemptions = try global.openWorkspace().store.exemptions()
      for exemption in exemptions {
        let state = exemption.expired ? "expired" : "in force"
        print(
          "\(exemption.id)\t\(state)\t\(exemption.matcher)\t\(exemption.from)…\(exemption.until)\t\(exemption.createdBy)\t\(exemption.reason)"
        )
      }
      print("\(exemptions.count) exemption(s)")
    }
  }

  struct Expire: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "End an exemption today (periods already past stay covered).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The exemption's id.") var id: Int64

    func run() throws {
      let workspace = try global.openWorkspace()
      let today = Day.today({ Date() }, in: workspace.configuration.city.timeZone)
      do {
        try workspace.store.expireExemption(id: id, on: today, actor: Actor.current, at: Date())
        print("exemption \(id) expired on \(today)")
      } catch let error as NoticeActionError {
        throw CommandFailure(error.description)
      }
    }
  }
}
