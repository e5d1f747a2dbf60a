extension NoticeProcessing {
  /// The 发文稿纸 of the notice's document, filled with the steps that stand: 拟稿 by the office
  /// that drafted it, 核稿 and 签发 as they were taken, each with its date and opinion.
  public func form(for document: OfficialDocument) -> ProcessingForm {
    var steps = [ProcessingForm.Step(role: .draft, name: drafted.name, date: drafted.date)]
    if let checked {
      steps.append(ProcessingForm.Step(role: .check, name: checked.name, date: checked.date, opinion: checked.opinion))
    }
    if let signed {
      steps.append(ProcessingForm.Step(role: .sign, name: signed.name, date: signed.date, opinion: signed.opinion))
    }
    return ProcessingForm(document, steps: steps)
  }
}
