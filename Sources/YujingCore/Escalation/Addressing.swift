/// Who receives a case's notices and who is copied: an indicator case of a county goes to the
/// county's government, copied to the indicator's lead department; an indicator case of the city
/// goes to the lead department; a project case goes to the responsible department, copied to the
/// government of the project's region; a feed's lateness goes to the providing department. 抄送
/// names organs only: the leader in charge of a project (挂点领导) acts in a talk, where the notice
/// names him, and is not copied.
public struct Addressing: Sendable {
  let configuration: Configuration
  private let departments: [String: String]

  public init(configuration: Configuration) {
    self.configuration = configuration
    departments = Dictionary(configuration.departments.map { ($0.code, $0.name) }) { first, _ in first }
  }

  public struct Recipients: Sendable, Hashable {
    public var addressee: String
    public var copies: [String]
  }

  public func recipients(of subject: Subject, project: Project? = nil) -> Recipients? {
    switch subject {
    case .indicator(let code, let regionCode):
      guard let indicator = configuration.indicator(code), let region = configuration.region(regionCode) else {
        return nil
      }
      let lead = departments[indicator.leadDepartment] ?? indicator.leadDepartment
      switch region.kind {
      case .province: return nil
      case .city: return Recipients(addressee: lead, copies: [])
      default:
        guard let addressee = region.addressee else { return nil }
        return Recipients(addressee: addressee, copies: [lead])
      }
    case .project:
      guard let project else { return nil }
      let responsible = departments[project.department] ?? project.department
      var copies: [String] = []
      if let region = configuration.region(project.region) {
        copies.append(region.addressee ?? region.name)
      }
      return Recipients(addressee: responsible, copies: copies.filter { $0 != responsible })
    case .feed(let name):
      guard let provider = configuration.feed(name)?.provider else { return nil }
      return Recipients(addressee: departments[provider] ?? provider, copies: [])
    }
  }
}
