/// The 发文稿纸 (发文处理笺) of a document: the sheet that travels with a draft through its office,
/// on which the drafter, the checker and the leader who signs it for issue each write a name,
/// a date and an opinion, under the document's 文号, 标题, 主送 and 抄送. The office files it
/// beside the document it issued.
public struct ProcessingForm: Sendable, Hashable {
  /// 发文机关: the form is headed “<发文机关>发文稿纸”.
  public var issuer: String
  /// 文号; nil before the number is given.
  public var number: String?
  public var title: String
  /// 主送机关.
  public var addressee: String?
  /// 抄送机关.
  public var copies: [String]
  /// 密级 (秘密, 机密 …) and 缓急 (特急, 加急), when the document has them.
  public var classification: String?
  public var urgency: String?
  /// 印发机关 and 印发日期 (2020年9月29日), when the document has them.
  public var printer: String?
  public var printDate: String?
  /// 份数: how many copies are printed, when known.
  public var printedCopies: Int?
  /// The steps taken, in order.
  public var steps: [Step]

  public init(
    issuer: String, number: String?, title: String, addressee: String?, copies: [String] = [],
    classification: String? = nil, urgency: String? = nil, printer: String? = nil, printDate: String? = nil,
    printedCopies: Int? = nil, steps: [Step]
  ) {
    self.issuer = issuer
    self.number = number
    self.title = title
    self.addressee = addressee
    self.copies = copies
    self.classification = classification
    self.urgency = urgency
    self.printer = printer
    self.printDate = printDate
    self.printedCopies = printedCopies
    self.steps = steps
  }

  /// The form of `document`: its 发文机关 (the 署名), 文号, title on one line, 主送, 抄送 and
  /// 印发 line, with the steps taken so far.
  public init(
    _ document: OfficialDocument, steps: [Step], classification: String? = nil, urgency: String? = nil,
    printedCopies: Int? = nil
  ) {
    self.init(
      issuer: DocumentWording.singleLine(document.signature), number: document.number,
      title: DocumentWording.singleLine(document.title), addressee: document.addressee, copies: document.copies,
      classification: classification, urgency: urgency, printer: DocumentWording.singleLine(document.printer),
      printDate: document.printDate, printedCopies: printedCopies, steps: steps)
  }

  /// One step of the document's way to issue.
  public struct Step: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable, CaseIterable {
      /// 拟稿: who drafted it.
      case draft
      /// 核稿: who checked it.
      case check
      /// 会签: another office's head, where the document concerns it.
      case countersign
      /// 签发: the leader who signed it for issue.
      case sign

      /// The form's label.
      public var chinese: String {
        switch self {
        case .draft: "拟稿"
        case .check: "核稿"
        case .countersign: "会签"
        case .sign: "签发"
        }
      }
    }

    public var role: Role
    public var name: String
    /// 职务: 副市长, 办公室主任.
    public var title: String?
    public var date: Day
    /// 意见: 同意; 请修改第二段后再送.
    public var opinion: String?

    public init(role: Role, name: String, title: String? = nil, date: Day, opinion: String? = nil) {
      self.role = role
      self.name = name
      self.title = title
      self.date = date
      self.opinion = opinion
    }

    /// The signer as the form prints it: 张明（副市长）.
    public var signer: String { title.map { "\(name)（\($0)）" } ?? name }
  }

  /// The rows of steps, as the form prints them: the leader's 签发 on top, then 会签 and 核稿,
  /// the drafter at the foot; each role's steps in the order taken. 签发, 核稿 and 拟稿 always
  /// have a row (left blank until taken), 会签 only when someone took it.
  public var rows: [(role: Step.Role, steps: [Step])] {
    let order: [Step.Role] = [.sign, .countersign, .check, .draft]
    return order.compactMap { role in
      let taken = steps.filter { $0.role == role }
      return taken.isEmpty && role == .countersign ? nil : (role, taken)
    }
  }
}
