import Foundation
import YujingCore

/// Every word the web UI shows for one of yujing's codes, in one place: the pages take their
/// terms from here and from nowhere else, so that one thing has one name on every page. The
/// command line and the logs keep their English, for the operator; the database keeps its codes.
///
/// The office's terms: a 预警事项 is one subject of one addressee watched over time (a case in
/// the code); it becomes a 督办事项 once it stands at a stage whose notice asks for 整改.
enum Glossary {
  // MARK: Terms

  static let warningCase = "预警事项"
  static let supervisedCase = "督办事项"
  static let findings = "预警清单"
  static let heatmap = "预警热力图"
  static let report = "整改报告"

  // MARK: Codes by name

  static func state(_ state: NoticeRecord.State) -> String {
    switch state {
    case .draft: "待审核"
    case .approved: "已签发"
    case .sent: "已送达"
    case .acknowledged: "已签收"
    case .closed: "已办结"
    case .rejected: "已退回"
    case .superseded: "已作废"
    }
  }

  /// A state as the history stores it; a code yujing does not know is shown as it is.
  static func state(code: String?) -> String {
    guard let code else { return "新建" }
    return NoticeRecord.State(rawValue: code).map(state) ?? code
  }

  static func kind(_ kind: NoticeKind) -> String { kind.chineseName }

  static func role(_ role: Role) -> String {
    switch role {
    case .admin: "管理员"
    case .reviewer: "审核"
    case .signer: "签发人"
    case .department: "责任单位"
    }
  }

  /// 红色 …, as the office speaks of a level.
  static func level(_ level: Level) -> String { level == .none ? "无预警" : level.chinese }

  /// One character for a cell of the heat map.
  static func levelMark(_ level: Level) -> String {
    switch level {
    case .none: "—"
    case .blue: "蓝"
    case .yellow: "黄"
    case .orange: "橙"
    case .red: "红"
    }
  }

  static func stage(_ stage: Stage) -> String {
    switch stage {
    case .none: "观察"
    case .reminder: "提醒"
    case .talkDeputy: "分管副市长约谈"
    case .talkMayor: "市长约谈"
    case .lifted: "已解除"
    }
  }

  /// 预警事项, or 督办事项 at a stage whose notice asks for 整改.
  static func caseTerm(_ stage: Stage) -> String { stage.asksForReport ? supervisedCase : warningCase }

  static func feedStatus(_ status: FeedRunSummary.Status) -> String {
    switch status {
    case .ok: "全部接收"
    case .partial: "部分接收"
    case .failed: "失败"
    }
  }

  static func deliveryState(_ state: DeliveryRecord.State) -> String {
    switch state {
    case .pending: "待投递"
    case .delivered: "已投递"
    case .dead: "已放弃"
    case .cancelled: "已取消"
    }
  }

  /// How an attempt ended, as the dispatcher names it.
  static func deliveryOutcome(_ outcome: String) -> String {
    switch outcome {
    case "delivered": "已送达"
    case "retry": "将重试"
    case "permanent": "不再重试"
    default: outcome
    }
  }

  /// One attempt: the receiver's status and how it ended; the receiver's answer follows as it was.
  static func deliveryAttempt(_ attempt: DeliveryAttempt) -> String {
    "HTTP \(attempt.httpStatus.map(String.init) ?? "—")，\(deliveryOutcome(attempt.outcome))：\(attempt.answer)"
  }

  /// What a delivery carries: the notice itself, or the office's decision on its report or appeal.
  static func deliveryContent(_ delivery: DeliveryRecord) -> String {
    delivery.eventKind.map { "决定：\($0.heading)" } ?? "通知"
  }

  static func deliveryRole(_ role: String) -> String {
    switch role {
    case "addressee": "主送"
    case "copy": "抄送"
    default: role
    }
  }

  static func auditAction(_ action: String) -> String {
    switch action {
    case "login": "登录"
    case "login-failed": "登录失败"
    case "login-refused": "登录被拒（次数过多）"
    case "user-add": "新增用户"
    case "user-passwd": "修改密码"
    case "approve": "签发"
    case "reject": "退回"
    case "check": "核稿"
    case "return": "退回修改"
    case "edit": "修改正文"
    case "acknowledge": "签收"
    case "feedback": "报送整改报告"
    case "mark-sent": "登记送达"
    case "exemption add": "新增豁免"
    case "exemption expire": "终止豁免"
    case "webhook-add": "新增投递目标"
    case "webhook-remove": "删除投递目标"
    case "delivery-resend": "重新投递"
    default: action
    }
  }

  /// `notice 12` → 通知 12, `user rev` → 用户 rev.
  static func auditObject(_ object: String?) -> String {
    guard let object, let space = object.firstIndex(of: " ") else { return object ?? "" }
    let rest = object[object.index(after: space)...]
    switch object[..<space] {
    case "notice": return "通知 \(rest)"
    case "user": return "用户 \(rest)"
    case "exemption": return "豁免 \(rest)"
    case "webhook": return "投递目标 \(rest)"
    case "delivery": return "投递 \(rest)"
    default: return object
    }
  }

  static func auditDetail(action: String, _ detail: String?) -> String {
    guard let detail else { return "" }
    switch (action, detail) {
    case ("feedback", "on time"): return "按时"
    case ("feedback", "late"): return "逾期"
    case ("user-add", _):
      let parts = detail.components(separatedBy: " for ")
      let role = Role(rawValue: parts[0]).map(Self.role) ?? parts[0]
      return parts.count > 1 ? "\(role)，代表\(parts[1...].joined(separator: " for "))" : role
    case ("exemption expire", _) where detail.hasPrefix("until "):
      return "截止 " + dayText(String(detail.dropFirst(6)))
    default:
      if detail.hasPrefix("refused from ") { return "来自 " + detail.dropFirst(13) }
      if detail.hasSuffix(" pending cancelled") { return "取消待投递 " + detail.dropLast(18) + " 条" }
      return detail
    }
  }

  /// A note of a notice's history, in the office's words; a reviewer's own words (a reason for
  /// returning a draft) stay as they were written.
  static func historyNote(_ note: String?) -> String {
    guard let note else { return "" }
    if let rest = note.dropPrefix("drafted by the daily check of ") { return "由\(dayText(rest))的每日检查起草" }
    if let rest = note.dropPrefix("drafted by the evaluation of ") {
      let parts = rest.components(separatedBy: " on ")
      if parts.count == 2 { return "由\(periodText(parts[0]))评估（\(dayText(parts[1]))）起草" }
    }
    if let rest = note.dropPrefix("replaced after the evaluation of ") {
      let parts = rest.components(separatedBy: " on ")
      if parts.count == 2 { return "\(periodText(parts[0]))重新评估（\(dayText(parts[1]))）后由新稿取代" }
    }
    if let rest = note.dropPrefix("corrects "), let range = rest.range(of: " after the evaluation of ") {
      let parts = rest[range.upperBound...].components(separatedBy: " on ")
      if parts.count == 2 {
        return "更正\(rest[..<range.lowerBound])：\(periodText(parts[0]))重新评估（\(dayText(parts[1]))）后起草"
      }
    }
    if let rest = note.dropPrefix("written by "), rest.hasSuffix(" and issued at once") {
      return "由 \(rest.dropLast(19)) 拟稿并直接签发"
    }
    if let rest = note.dropPrefix("text edited; before: ") { return "修改了标题或正文。修改前：\(rest)" }
    if note == "delivered by hand" { return "已线下送达" }
    if note == "delivered to every target" { return "已投递至全部投递目标" }
    if let range = note.range(of: ", 成文日期 ") {
      return "文号 \(note[..<range.lowerBound])，成文日期 \(dayText(String(note[range.upperBound...])))"
    }
    return note
  }

  /// Where a rejected row was: 第 7 行, 工作表 1-5月 单元格 B7.
  static func rowLocation(_ location: String) -> String {
    location.components(separatedBy: ", ").map { part -> String in
      let words = part.split(separator: " ", maxSplits: 1).map(String.init)
      guard words.count == 2 else { return part }
      switch words[0] {
      case "line": return "第 \(words[1]) 行"
      case "column": return "第 \(words[1]) 列"
      case "element": return "第 \(words[1]) 项"
      case "row": return "第 \(words[1]) 条"
      case "sheet": return "工作表 \(words[1])"
      case "cell": return "单元格 \(words[1])"
      default: return part
      }
    }.joined(separator: "，")
  }

  /// A column of a feed file by what it holds; the column's own name follows in brackets.
  static func field(_ field: String?) -> String {
    guard let field, !field.isEmpty else { return "" }
    let names = [
      "period": "期别", "region": "地区", "indicator": "指标", "value": "数值", "growth": "增速",
      "published_rank": "位次", "project": "项目编号", "name": "项目名称", "department": "责任单位", "leader": "挂点领导",
      "total_investment": "总投资", "annual_plan": "年度计划投资", "completed_ytd": "本年累计完成投资", "status": "项目状态",
      "planned_start": "计划开工日期", "actual_start": "实际开工日期", "planned_completion": "计划竣工日期",
      "registered": "入统日期", "year": "年度", "target_growth": "目标增速", "target_value": "目标总量",
    ]
    return names[field].map { "\($0)（\(field)）" } ?? field
  }

  /// Why the office's decision on a 整改 report was refused, in the reviewer's words.
  static func refusal(_ refusal: ReportReview.Refusal) -> String {
    switch refusal {
    case .noSuchReport: "没有这份\(report)。"
    case .alreadyDecided(let state): "该\(report)已审核（\(state.chinese)），不能再次审核。"
    case .emptyReason: "退回\(report)须写明理由。"
    case .dueBeforeDay(let due, let day): "重新报送期限（\(due.chinese)）须晚于退回之日（\(day.chinese)）。"
    }
  }

  /// Why a step of a problem on the 督办台账 was refused.
  static func refusal(_ refusal: ProblemLifecycle.Refusal) -> String {
    switch refusal {
    case .alreadyClosed(let state): "该问题已\(state.rawValue)，不能再办理。"
    case .notAwaitingDecision(let state): "该问题目前为“\(state.rawValue)”，只有申请办结的问题才能退回。"
    case .emptyText: "请填写内容（进展情况、办结情况或退回理由）。"
    case .dueBeforeDay(let due, let day): "新的办结期限（\(due.chinese)）须晚于退回之日（\(day.chinese)）。"
    }
  }

  /// Why an appeal (申诉) or the office's decision on one was refused, in the words of whoever made it.
  static func refusal(_ refusal: AppealReview.Refusal) -> String {
    switch refusal {
    case .noSuchAppeal: "没有这件申诉。"
    case .notIssued: "只有已签发的通知才能申诉。"
    case .kindNotAppealable(let kind): "\(kind.chineseName)不认定预警事项，无需申诉。"
    case .tooLate(let lastDay): "申诉期限已于 \(lastDay.chinese) 截止，不能再申诉。"
    case .notASubjectOfTheNotice: "所选事项不在本通知中。"
    case .noSubject: "请至少选择一项申诉事项。"
    case .notAppealable: "数据报送逾期不能申诉，请尽快报送数据。"
    case .alreadyAppealed: "所选事项已在申诉中或已申诉成立，不能重复申诉。"
    case .emptyReason: "请写明申诉或处理的理由。"
    case .alreadyDecided(let state): "该申诉已处理（\(state.chinese)），不能再次处理。"
    }
  }

  /// A refusal of the review, for the reader of the page: what stands in the way and what to do.
  static func refusal(_ refusal: NoticeRefusal) -> String {
    switch refusal {
    case .noSuchNotice: "找不到该通知。"
    case .notADraft(let state, .approve): "该通知\(self.state(state))，已不是待审核稿，无法再签发。"
    case .notADraft(let state, .reject), .notADraft(let state, .sendBack): "该通知\(self.state(state))，已不是待审核稿，无法退回。"
    case .notADraft(let state, _): "该通知\(self.state(state))，正文不能再修改。"
    case .notApproved(let state): "该通知\(self.state(state))，只有已签发的通知才能登记送达。"
    case .notSent(let state): "该通知\(self.state(state))，无需再签收。"
    case .notAnswerable(let state): "该通知\(self.state(state))，当前不接受\(report)。"
    case .talkNeedsTimeAndPlace: "约谈通知书须填写约谈时间和地点后才能签发。"
    case .talkBeforeDocumentDate(let talk, let documentDate):
      "约谈时间（\(talk.chinese)）不能早于成文日期（\(documentDate.chinese)）。请推后约谈时间或提前成文日期。"
    case .talkClash(let talkAt, _, let other):
      "\(TalkTime.chinese(talkAt))已安排\(other.number)的约谈（\(other.holder ?? "约谈人未定")，\(other.place)），"
        + "该会议室或约谈领导已被占用。请另选时间或地点。"
    case .emptyReason: "请填写退回理由。"
    case .emptyTitleOrBody: "标题和正文都不能为空。"
    case .emptyReport: "\(report)内容不能为空。"
    case .alreadyIssued(let number, _): "该文件已经签发过，文号为\(number)。"
    case .wrongRole(_, .admin): "管理员不参与通知的核稿和签发。"
    case .wrongRole(let step, _): "该通知正待\(step.chineseName)，\(step.chineseName)须由\(role(step.role))办理。"
    case .tookAnotherStep(let step): "您已办理该通知的\(step.chineseName)；同一通知的核稿和签发须由不同的人办理。"
    case .nothingToReturnTo: "该通知正待核稿，没有上一环节可退回；如需修改请直接修改正文，或退回拟稿（不予签发）。"
    }
  }

  /// What went wrong with a refused action, in Chinese first; the system's own words follow in
  /// brackets, for the operator who is asked about it.
  static func refusal(_ text: String) -> String {
    let rules: [(String, String)] = [
      ("is not YYYY-MM-DD HH:MM", "约谈时间格式应为“年-月-日 时:分”，如 2020-06-18 09:00。"),
      ("is not YYYY-MM-DD", "日期格式应为“年-月-日”，如 2020-06-18。"),
      ("must be a date YYYY-MM-DD from", "日期不在允许的范围内。"),
      ("must be a period YYYY-MM from", "期别不在允许的范围内，格式应为“年-月”，如 2020-05。"),
      ("must be a whole number from", "地址中的数字不在允许的范围内。"),
      ("the attached file has no name", "附件没有文件名。"),
      ("rename it to", "附件的文件名过长，请改短后再上传。"),
      ("holds control characters", "附件的文件名含有不可见字符，请重命名后再上传。"),
      ("the most its reports and appeals may attach", "本通知的整改报告和申诉附件已达上限，不能再上传。"),
      ("the most a department may", "本单位上传的附件已达上限，请与市经济运行办联系。"),
      ("is not a region of the configuration", "所选地区不在本市配置中。"),
      ("is not an indicator of the configuration", "所选指标不在本市配置中。"),
      ("is not a project", "所选项目不存在。"),
      ("name a region, an indicator or a project", "请至少选择一个地区、指标或项目。"),
      ("give the end date", "请填写截止日期。"),
      ("the end date is before the start", "截止日期早于起始日期。"),
      ("give the reason", "请填写理由。"),
    ]
    guard let rule = rules.first(where: { text.contains($0.0) }) else {
      return text.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF } && !text.contains(" is ")
        ? text : "操作未完成（系统说明：\(text)）"
    }
    return "\(rule.1)（系统说明：\(text)）"
  }

  // MARK: Times and periods, in the city's time zone

  static func time(_ date: Date, _ timeZone: TimeZone) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    return String(
      format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
      parts.minute ?? 0)
  }

  /// A stored timestamp (UTC, ISO 8601) as the city's local time.
  static func time(stamp: String, _ timeZone: TimeZone) -> String {
    Timestamp.date(stamp).map { time($0, timeZone) } ?? stamp
  }

  /// 2020年11月: a month, as the UI names a period (a notice names it by its months: 1-11月).
  static func period(_ period: Period) -> String { "\(period.year)年\(period.month)月" }

  static func periodText(_ text: String) -> String { Period(text).map(period) ?? text }

  static func dayText(_ text: String) -> String { Day(text).map(\.chinese) ?? text }
}

extension String {
  fileprivate func dropPrefix(_ prefix: String) -> String? {
    hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
  }
}

/// Subjects by their names — 丰城市 · 规模以上工业增加值, a project by its name — and the address
/// of each one's page.
struct SubjectNames {
  let configuration: Configuration
  let projects: [String: Project]

  init(configuration: Configuration, store: Store) throws {
    self.configuration = configuration
    projects = try store.projects()
  }

  func region(_ code: String) -> String { configuration.region(code)?.name ?? code }

  func indicator(_ code: String) -> String { configuration.indicator(code)?.name ?? code }

  func name(_ subject: Subject) -> String {
    switch subject {
    case .indicator(let indicator, let region): "\(self.region(region)) · \(self.indicator(indicator))"
    case .project(let code): projects[code].map { "\($0.name)（项目 \(code)）" } ?? "项目 \(code)"
    case .feed(let name): "\(configuration.feed(name)?.dataName ?? "数据") 报送（\(name)）"
    }
  }

  /// The region a subject concerns, by name; a feed concerns the city.
  func place(_ subject: Subject) -> String {
    switch subject {
    case .indicator(_, let code): region(code)
    case .project(let code): projects[code].map { region($0.region) } ?? "—"
    case .feed: "—"
    }
  }

  static func href(_ subject: Subject) -> String {
    let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
    func part(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
    switch subject {
    case .indicator(let indicator, let region): return "/subjects/indicator/\(part(indicator))/\(part(region))"
    case .project(let code): return "/subjects/project/\(part(code))"
    case .feed(let name): return "/subjects/feed/\(part(name))"
    }
  }

  func link(_ subject: Subject) -> HTML {
    "<a href=\"\(Self.href(subject))\">\(name(subject))</a>"
  }
}
